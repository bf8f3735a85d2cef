package io.berth.metronome;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link BerthException} with the extra fields of Metronome's error bodies: {@code {"id": "<job>", "message":
 * "Job not found"}}, {@code {"jobSpec": ..., "id": ..., "message": "Job Run not found"}}.
 */
public final class MetronomeError extends BerthException {
  private final Map<String, String> fields;

  public MetronomeError(ErrorCode code, String message, Map<String, String> fields) {
    super(code, message, List.of(), null);
    this.fields = fields;
  }

  /** Fields written before {@code message}, in order. */
  public Map<String, String> fields() {
    return fields;
  }

  public static MetronomeError jobNotFound(String jobId) {
    return new MetronomeError(ErrorCode.NOT_FOUND, "Job not found", Map.of("id", jobId));
  }

  public static MetronomeError scheduleNotFound(String scheduleId) {
    return new MetronomeError(ErrorCode.NOT_FOUND, "Schedule not found", Map.of("id", scheduleId));
  }

  public static MetronomeError runNotFound(String jobId, String runId) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("jobSpec", jobId);
    fields.put("id", runId);
    return new MetronomeError(ErrorCode.NOT_FOUND, "Job Run not found", fields);
  }
}
