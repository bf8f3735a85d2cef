package io.berth.framework.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Mesos' RecordIO framing of event streams: each record is its length in decimal, a newline, then the bytes. */
public final class RecordIo {
  private static final int MAX_RECORD = 64 * 1024 * 1024;

  private RecordIo() {}

  public static void write(OutputStream out, byte[] record) throws IOException {
    out.write((record.length + "\n").getBytes(StandardCharsets.US_ASCII));
    out.write(record);
    out.flush();
  }

  /** The next record, or null at the end of the stream. */
  public static byte[] read(InputStream in) throws IOException {
    ByteArrayOutputStream length = new ByteArrayOutputStream(12);
    int c;
    while ((c = in.read()) != '\n') {
      if (c == -1) {
        if (length.size() == 0) {
          return null;
        }
        throw new EOFException("stream ended inside a RecordIO length");
      }
      if (c < '0' || c > '9' || length.size() > 10) {
        throw new IOException("malformed RecordIO length");
      }
      length.write(c);
    }
    int size = Integer.parseInt(length.toString(StandardCharsets.US_ASCII));
    if (size > MAX_RECORD) {
      throw new IOException("RecordIO record of " + size + " bytes is too large");
    }
    byte[] record = in.readNBytes(size);
    if (record.length < size) {
      throw new EOFException("stream ended inside a RecordIO record");
    }
    return record;
  }
}
