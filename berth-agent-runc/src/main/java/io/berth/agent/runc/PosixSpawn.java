package io.berth.agent.runc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.berth.agent.runtime.ContainerException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Starts a program with glibc's {@code posix_spawn} (through the FFM API), for what {@link ProcessBuilder}
 * cannot do: give the child a pipe as a descriptor other than 0-2 (conmon's sync pipe, {@code _OCI_SYNCPIPE=3})
 * and open its stdout and stderr for append on files, without a shell in between. The child gets standard
 * input from {@code /dev/null}, every other descriptor closed ({@code closefrom(4)}), default signal handlers and
 * an empty signal mask, the given environment only, and its own working directory. The JVM does not track the
 * child: the caller reaps it with {@link #reap}.
 */
final class PosixSpawn {
  static final int O_RDONLY = 0;
  private static final int O_WRONLY = 1;
  private static final int O_CREAT = 0x40;
  private static final int O_APPEND = 0x400;
  static final int O_CLOEXEC = 0x80000;
  private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
  private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
  private static final int WNOHANG = 1;
  private static final int MAX_EINTR_RETRIES = 5;
  /** glibc's opaque structs are 80 and 336 bytes on x86-64 and aarch64; room to spare. */
  private static final long OPAQUE_SIZE = 1024;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final MethodHandle SPAWN = function("posix_spawn", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS,
      ADDRESS, ADDRESS);
  private static final MethodHandle ACTIONS_INIT = function("posix_spawn_file_actions_init", JAVA_INT, ADDRESS);
  private static final MethodHandle ACTIONS_DESTROY =
      function("posix_spawn_file_actions_destroy", JAVA_INT, ADDRESS);
  private static final MethodHandle ADD_OPEN = function("posix_spawn_file_actions_addopen", JAVA_INT, ADDRESS,
      JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
  private static final MethodHandle ADD_DUP2 =
      function("posix_spawn_file_actions_adddup2", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
  private static final MethodHandle ADD_CLOSEFROM =
      function("posix_spawn_file_actions_addclosefrom_np", JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle ADD_CHDIR =
      function("posix_spawn_file_actions_addchdir_np", JAVA_INT, ADDRESS, ADDRESS);
  private static final MethodHandle ATTR_INIT = function("posix_spawnattr_init", JAVA_INT, ADDRESS);
  private static final MethodHandle ATTR_DESTROY = function("posix_spawnattr_destroy", JAVA_INT, ADDRESS);
  private static final MethodHandle ATTR_FLAGS =
      function("posix_spawnattr_setflags", JAVA_INT, ADDRESS, JAVA_SHORT);
  private static final MethodHandle ATTR_SIGMASK =
      function("posix_spawnattr_setsigmask", JAVA_INT, ADDRESS, ADDRESS);
  private static final MethodHandle ATTR_SIGDEFAULT =
      function("posix_spawnattr_setsigdefault", JAVA_INT, ADDRESS, ADDRESS);
  private static final MethodHandle SIGEMPTYSET = function("sigemptyset", JAVA_INT, ADDRESS);
  private static final MethodHandle SIGFILLSET = function("sigfillset", JAVA_INT, ADDRESS);
  private static final MethodHandle PIPE2 = function("pipe2", JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle CLOSE = function("close", JAVA_INT, JAVA_INT);
  private static final MethodHandle WAITPID = function("waitpid", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);

  /** A started child and the read end of its pipe (a descriptor of this process, close-on-exec). */
  record Child(long pid, int pipeReadFd) {}

  private PosixSpawn() {}

  /**
   * Starts {@code argv} in {@code directory} with stdout and stderr appended to the given files and the write
   * end of a new pipe as its descriptor {@code pipeFd} (3 or more).
   *
   * @throws ContainerException when the pipe or the child cannot be made (the error number in the message)
   */
  static Child spawn(List<String> argv, Map<String, String> env, Path directory, Path stdout, Path stderr,
      int pipeFd) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment fds = arena.allocate(JAVA_INT, 2);
      check("pipe2", (int) PIPE2.invokeExact(fds, O_CLOEXEC));
      int read = fds.getAtIndex(JAVA_INT, 0);
      int write = fds.getAtIndex(JAVA_INT, 1);
      try {
        MemorySegment actions = arena.allocate(OPAQUE_SIZE, 16);
        MemorySegment attributes = arena.allocate(OPAQUE_SIZE, 16);
        check("posix_spawn_file_actions_init", (int) ACTIONS_INIT.invokeExact(actions));
        check("posix_spawnattr_init", (int) ATTR_INIT.invokeExact(attributes));
        try {
          int append = O_WRONLY | O_CREAT | O_APPEND;
          check("addopen", (int) ADD_OPEN.invokeExact(actions, 0, arena.allocateFrom("/dev/null"), O_RDONLY, 0));
          check("addopen", (int) ADD_OPEN.invokeExact(actions, 1, arena.allocateFrom(stdout.toString()), append,
              0644));
          check("addopen", (int) ADD_OPEN.invokeExact(actions, 2, arena.allocateFrom(stderr.toString()), append,
              0644));
          check("adddup2", (int) ADD_DUP2.invokeExact(actions, write, pipeFd)); // dup2 clears close-on-exec
          check("addclosefrom", (int) ADD_CLOSEFROM.invokeExact(actions, pipeFd + 1));
          check("addchdir", (int) ADD_CHDIR.invokeExact(actions, arena.allocateFrom(directory.toString())));
          MemorySegment empty = arena.allocate(OPAQUE_SIZE, 16);
          MemorySegment all = arena.allocate(OPAQUE_SIZE, 16);
          check("sigemptyset", (int) SIGEMPTYSET.invokeExact(empty));
          check("sigfillset", (int) SIGFILLSET.invokeExact(all));
          check("setsigmask", (int) ATTR_SIGMASK.invokeExact(attributes, empty));
          check("setsigdefault", (int) ATTR_SIGDEFAULT.invokeExact(attributes, all));
          check("setflags", (int) ATTR_FLAGS.invokeExact(attributes,
              (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)));
          MemorySegment pid = arena.allocate(JAVA_INT);
          int error = (int) SPAWN.invokeExact(pid, arena.allocateFrom(argv.getFirst()), actions, attributes,
              strings(arena, argv), strings(arena, env.entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue()).toList()));
          if (error != 0) {
            throw new ContainerException("cannot run " + argv.getFirst() + ": posix_spawn error " + error);
          }
          return new Child(pid.get(JAVA_INT, 0), read);
        } finally {
          int ignored = (int) ACTIONS_DESTROY.invokeExact(actions);
          ignored = (int) ATTR_DESTROY.invokeExact(attributes);
        }
      } catch (Throwable e) {
        close(read);
        throw e;
      } finally {
        close(write); // the child has its own copy
      }
    } catch (ContainerException e) {
      throw e;
    } catch (Throwable e) {
      throw new ContainerException("cannot run " + argv.getFirst() + ": " + e, e);
    }
  }

  /** Closes a descriptor of this process. */
  static void close(int fd) {
    try {
      int ignored = (int) CLOSE.invokeExact(fd);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reaps the child once it has ended and returns its exit code (128 + signal when killed); empty while it runs
   * (with {@code wait} false) or when it is not a child of this process.
   */
  static OptionalInt reap(long pid, boolean wait) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment status = arena.allocate(JAVA_INT);
      int result = -1;
      for (int attempt = 0; attempt < MAX_EINTR_RETRIES && result < 0; attempt++) { // -1: EINTR or not a child
        result = (int) WAITPID.invokeExact((int) pid, status, wait ? 0 : WNOHANG);
      }
      if (result <= 0) {
        return OptionalInt.empty();
      }
      int raw = status.get(JAVA_INT, 0);
      int signal = raw & 0x7f;
      return OptionalInt.of(signal == 0 ? (raw >> 8) & 0xff : 128 + signal);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static MemorySegment strings(Arena arena, List<String> values) {
    MemorySegment array = arena.allocate(ADDRESS, values.size() + 1);
    for (int i = 0; i < values.size(); i++) {
      array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
    }
    array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
    return array;
  }

  private static void check(String call, int result) {
    if (result != 0) {
      throw new ContainerException(call + " failed (" + result + ")");
    }
  }

  private static MethodHandle function(String name, MemoryLayout result,
      MemoryLayout... arguments) {
    return LINKER.downcallHandle(LIBC.find(name).orElseThrow(
        () -> new ContainerException("the C library has no " + name + " (glibc 2.34 or later is needed)")),
        FunctionDescriptor.of(result, arguments));
  }
}
