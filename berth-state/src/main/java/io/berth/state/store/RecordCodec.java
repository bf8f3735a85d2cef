package io.berth.state.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.berth.common.json.Json;
import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How record batches and snapshots are written to durable storage: JSON, gzipped unless it is small. A batch of a
 * few records (a launch, a status update: most commits) is kept as plain JSON, since setting up a deflater costs more
 * than the bytes it would save; reading tells the two apart by gzip's magic bytes (JSON starts with {@code [} or
 * <code>{</code>), so data written either way, by any version, reads back.
 */
public final class RecordCodec {
  /** Batches whose JSON is shorter than this are stored uncompressed. */
  static final int COMPRESS_FROM_BYTES = 4096;
  private static final TypeReference<List<ChangeRecord>> BATCH = new TypeReference<>() {};
  // writerFor keeps the element type, so every record carries its "type" id.
  private static final ObjectWriter BATCH_WRITER = Json.mapper().writerFor(BATCH);

  private RecordCodec() {}

  public static byte[] encodeBatch(List<ChangeRecord> batch) {
    try {
      byte[] json = BATCH_WRITER.writeValueAsBytes(batch);
      return json.length < COMPRESS_FROM_BYTES ? json : gzip(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode records", e);
    }
  }

  public static List<ChangeRecord> decodeBatch(byte[] bytes) {
    return Json.read(isGzip(bytes) ? gunzip(bytes) : bytes, BATCH);
  }

  public static byte[] encodeImage(ClusterImage image) {
    return gzip(Json.write(image));
  }

  public static ClusterImage decodeImage(byte[] bytes) {
    return Json.read(isGzip(bytes) ? gunzip(bytes) : bytes, ClusterImage.class);
  }

  static boolean isGzip(byte[] bytes) {
    return bytes.length >= 2 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b;
  }

  private static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] bytes) {
    try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return gz.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
