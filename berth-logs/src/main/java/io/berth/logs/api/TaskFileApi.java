package io.berth.logs.api;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.http.Routes;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The agent's task routes (spec §1.1): {@code /v2/task/frameworks/<fw>/executors/<ex>/runs/<cid>[/tasks/<task>]/<file>}
 * reads a sandbox file as lines ({@code cursor} = byte offset, BEG or END; {@code skip} in lines, negative from the
 * end; {@code limit}), as text, JSON lines or an event stream that follows the file; {@code .../files/browse} lists
 * the sandbox and {@code .../<file>/download} sends the file gzipped ({@code <file>[-<postfix>].log.gz}). A file that
 * does not exist (yet) is 204, a run the agent does not know 404.
 */
final class TaskFileApi {
  private static final long POLL_NANOS = 300_000_000L;
  private static final int KEEPALIVE_POLLS = 7;
  private static final byte[] KEEPALIVE = ": keepalive\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private final AgentSandbox sandbox;
  private final Supplier<String> agentId;

  TaskFileApi(AgentSandbox sandbox, Supplier<String> agentId) {
    this.sandbox = sandbox;
    this.agentId = agentId;
  }

  void register(Routes.Builder routes) {
    String run = LogsApi.PREFIX + "/v2/task/frameworks/{fw}/executors/{ex}/runs/{cid}";
    for (String task : new String[] {"", "/tasks/{task}"}) {
      routes.get(run + task + "/files/browse", r -> sandbox.browse(r, taskDir(r)));
      routes.get(run + task + "/{file}/download", r -> download(r, taskDir(r)));
      routes.get(run + task + "/{file}", r -> read(r, taskDir(r)));
    }
  }

  private String taskDir(Request request) {
    String dir = sandbox.directory(request.header("Authorization").orElse(null), request.pathParam("fw"),
        request.pathParam("ex"), request.pathParam("cid"));
    String task = request.pathParams().get("task");
    return task == null ? dir : dir + "/tasks/" + name(task);
  }

  private Response read(Request request, String dir) {
    String file = name(request.pathParam("file"));
    long limit = request.queryLong("limit").orElse(-1L);
    if (request.query("limit").isPresent() && limit < 0) {
      throw BerthException.badRequest("Invalid limit " + limit + ": it must not be negative");
    }
    long skip = request.queryLong("skip").orElse(0L);
    String cursor = request.header("Last-Event-ID").filter(s -> !s.isBlank())
        .or(() -> request.query("cursor")).orElse(skip < 0 ? "END" : "BEG");
    LogFormat format = JournalApi.format(request);
    TaskFileReader.FileSource source = sandbox.file(request.header("Authorization").orElse(null), dir + "/" + file);
    long size;
    try {
      size = source.size();
    } catch (BerthException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return Response.empty(204);
      }
      throw e;
    }
    long start = switch (cursor.strip()) {
      case "BEG" -> 0;
      case "END" -> size;
      default -> offset(cursor);
    };
    long at = TaskFileReader.position(source, size, start, skip);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("AGENT_ID", String.valueOf(agentId.get()));
    fields.put("FRAMEWORK_ID", request.pathParam("fw"));
    fields.put("EXECUTOR_ID", request.pathParam("ex"));
    fields.put("CONTAINER_ID", request.pathParam("cid"));
    fields.put("FILE", file);
    if (format != LogFormat.EVENT_STREAM) {
      TaskFileReader.Lines lines = TaskFileReader.lines(source, size, at, limit, true);
      if (lines.lines().isEmpty()) {
        return Response.empty(204);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      lines.lines().forEach(l -> out.writeBytes(format.renderLine(l.text(), l.end(), fields)));
      return new Response.Bytes(200, format.contentType(), out.toByteArray(), Map.of());
    }
    return new Response.Stream(200, format.contentType(), JournalApi.STREAM_HEADERS, out -> {
      long next = at;
      long known = size;
      long written = 0;
      int idle = 0;
      while (!Thread.currentThread().isInterrupted() && (limit < 0 || written < limit)) {
        TaskFileReader.Lines lines = TaskFileReader.lines(source, known, next, limit < 0 ? -1 : limit - written, false);
        for (TaskFileReader.Line l : lines.lines()) {
          out.write(format.renderLine(l.text(), l.end(), fields));
          written++;
        }
        next = lines.next();
        if (lines.lines().isEmpty() && ++idle % KEEPALIVE_POLLS == 0) {
          out.write(KEEPALIVE); // notices a client that went away
        }
        out.flush();
        if (lines.lines().isEmpty()) {
          LockSupport.parkNanos(POLL_NANOS);
          known = source.size();
        } else {
          idle = 0;
        }
      }
    });
  }

  private Response download(Request request, String dir) {
    String file = name(request.pathParam("file"));
    TaskFileReader.FileSource source = sandbox.file(request.header("Authorization").orElse(null), dir + "/" + file);
    long size = source.size();
    return GzipDownload.of(request, file, out -> {
      long pos = 0;
      while (pos < size) {
        byte[] chunk = source.read(pos, (int) Math.min(TaskFileReader.CHUNK, size - pos));
        if (chunk.length == 0) {
          break;
        }
        out.write(chunk);
        pos += chunk.length;
      }
    });
  }

  private static long offset(String cursor) {
    try {
      long offset = Long.parseLong(cursor.strip());
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // a 400 below
    }
    throw BerthException.badRequest("Invalid cursor '" + cursor + "': expected BEG, END or a byte offset");
  }

  private static String name(String segment) {
    if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("/")) {
      throw BerthException.badRequest("Invalid file or task name '" + segment + "'");
    }
    return segment;
  }
}
