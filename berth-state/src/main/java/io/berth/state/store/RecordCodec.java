package io.berth.state.store;

import com.fasterxml.jackson.core.type.TypeReference;
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

/** How record batches and snapshots are written to durable storage: gzipped JSON. */
public final class RecordCodec {
  private static final TypeReference<List<ChangeRecord>> BATCH = new TypeReference<>() {};

  private RecordCodec() {}

  public static byte[] encodeBatch(List<ChangeRecord> batch) {
    try {
      // writerFor keeps the element type, so every record carries its "type" id.
      return gzip(Json.mapper().writerFor(BATCH).writeValueAsBytes(batch));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode records", e);
    }
  }

  public static List<ChangeRecord> decodeBatch(byte[] bytes) {
    return Json.read(gunzip(bytes), BATCH);
  }

  public static byte[] encodeImage(ClusterImage image) {
    return gzip(Json.write(image));
  }

  public static ClusterImage decodeImage(byte[] bytes) {
    return Json.read(gunzip(bytes), ClusterImage.class);
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
