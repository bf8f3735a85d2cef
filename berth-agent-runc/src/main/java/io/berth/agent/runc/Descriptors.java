package io.berth.agent.runc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.berth.common.time.SystemTime;
import io.berth.common.time.Ticker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads raw descriptors of this process with a deadline, on the calling thread: the C library's {@code open},
 * {@code poll} and {@code read} through the FFM API (and {@code mkfifo}, which Java has no call for). Both waits of a container start use it, conmon's sync pipe and
 * runc's exec FIFO; a reader thread per wait, as before, cost a thread hand-off each on the launch path (~0.3 ms on
 * an idle 2-core VM). The caller blocks in {@code poll}: it should be a platform thread (a virtual thread would pin
 * its carrier for the wait).
 */
final class Descriptors {
  private static final int O_NONBLOCK = 0x800;
  private static final short POLLIN = 0x1;
  private static final int EINTR = 4;
  private static final int EAGAIN = 11;
  private static final int CHUNK = 4096;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno")).withInvokeExactBehavior();
  private static final MethodHandle OPEN = function("open", JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle POLL = function("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
  private static final MethodHandle READ = function("read", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
  private static final MethodHandle MKFIFO = function("mkfifo", JAVA_INT, ADDRESS, JAVA_INT);
  private static final Ticker TICKER = SystemTime.ticker();

  private Descriptors() {}

  /** Opens {@code path} for reading without waiting (a FIFO opens before its writer comes), close-on-exec. */
  static int openNonBlocking(Path path) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      int flags = PosixSpawn.O_RDONLY | O_NONBLOCK | PosixSpawn.O_CLOEXEC;
      int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path.toString()), flags);
      if (fd < 0) {
        throw new IOException("cannot open " + path + ": errno " + (int) ERRNO.get(state, 0L));
      }
      return fd;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** Makes a FIFO (named pipe) at {@code path}, readable and writable by its owner only. */
  static void makeFifo(Path path) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      if ((int) MKFIFO.invokeExact(state, arena.allocateFrom(path.toString()), 0600) != 0) {
        throw new IOException("cannot make the FIFO " + path + ": errno " + (int) ERRNO.get(state, 0L));
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads {@code fd} until {@code complete} holds for the bytes read so far or the writers have all closed it (end
   * of file), within {@code timeout}: the bytes, or empty when time ran out first.
   *
   * @throws IOException when poll or read fail (other than being interrupted or finding nothing to read yet)
   */
  static Optional<byte[]> readUntil(int fd, Predicate<ByteArrayOutputStream> complete, Duration timeout)
      throws IOException {
    long deadline = TICKER.nanos() + timeout.toNanos();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pollFd = arena.allocate(8, 4); // struct pollfd {int fd; short events; short revents;}
      pollFd.set(JAVA_INT, 0, fd);
      pollFd.set(JAVA_SHORT, 4, POLLIN);
      MemorySegment buffer = arena.allocate(CHUNK);
      MemorySegment state = arena.allocate(CALL_STATE);
      while (!complete.test(bytes)) {
        long left = deadline - TICKER.nanos();
        if (left <= 0) {
          return Optional.empty();
        }
        int ready = (int) POLL.invokeExact(state, pollFd, 1L, (int) Math.max(1, (left + 999_999) / 1_000_000));
        if (ready < 0 && (int) ERRNO.get(state, 0L) != EINTR) {
          throw new IOException("poll on descriptor " + fd + ": errno " + (int) ERRNO.get(state, 0L));
        }
        if (ready <= 0) {
          continue; // interrupted, or the deadline
        }
        long n = (long) READ.invokeExact(state, fd, buffer, (long) CHUNK);
        if (n == 0) {
          break; // every writer has closed it
        }
        if (n < 0) {
          int errno = (int) ERRNO.get(state, 0L);
          if (errno != EINTR && errno != EAGAIN) {
            throw new IOException("read on descriptor " + fd + ": errno " + errno);
          }
          continue;
        }
        bytes.write(buffer.asSlice(0, n).toArray(JAVA_BYTE));
      }
      return Optional.of(bytes.toByteArray());
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static MethodHandle function(String name, MemoryLayout result, MemoryLayout... arguments) {
    return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), FunctionDescriptor.of(result,
        arguments), Linker.Option.captureCallState("errno"));
  }
}
