package io.berth.logs.journal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.berth.common.time.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The structured journal of one Berth process, in {@code <workDir>/journal/}: logback's {@link RollingFileAppender}
 * with a {@link SizeAndTimeBasedRollingPolicy} whose active file is named by its pattern
 * ({@code journal.<day UTC>.<index>.jsonl}), so rotation opens the next generation and never renames a file: a
 * {@link Cursor} stays valid while its file exists. Old files go when the journal has more than {@code maxFiles} files of
 * {@code maxFileSize}. Installed on the root logger next to the console appender of {@code logback.xml}, once the
 * work dir is known.
 */
public final class NodeJournal implements AutoCloseable {
  private static final String APPENDER = "JOURNAL";
  private final Path dir;
  private final RollingFileAppender<ILoggingEvent> appender;
  private final Logger root;

  /** How large a journal file grows and how many files are kept. */
  public record Limits(long maxFileSize, int maxFiles) {
    public Limits {
      if (maxFiles < 1 || maxFileSize < 1) {
        throw new IllegalArgumentException("bad journal limits " + maxFileSize + " x " + maxFiles);
      }
    }

    public static Limits defaults() {
      return new Limits(8L * 1024 * 1024, 8);
    }
  }

  /**
   * Time- and size-based rolling that, after each rollover, deletes the oldest generations beyond {@code maxFiles}.
   * (Logback's own {@code totalSizeCap} cannot be used: with no {@code file} property it deletes the active file too.)
   */
  private static final class PruningPolicy extends SizeAndTimeBasedRollingPolicy<ILoggingEvent> {
    private final Path dir;
    private final int maxFiles;

    PruningPolicy(Path dir, int maxFiles) {
      this.dir = dir;
      this.maxFiles = maxFiles;
    }

    @Override
    public void rollover() {
      super.rollover();
      prune(maxFiles - 1); // the appender opens the next generation's file right after this
    }

    void prune(int keep) {
      List<Cursor.Generation> generations = new JournalReader(dir).generations();
      for (int i = 0; i < generations.size() - keep; i++) {
        try {
          Files.deleteIfExists(dir.resolve(generations.get(i).fileName()));
        } catch (IOException e) {
          addWarn("cannot delete the old journal file " + generations.get(i).fileName(), e);
        }
      }
    }
  }

  private NodeJournal(Path dir, RollingFileAppender<ILoggingEvent> appender, Logger root) {
    this.dir = dir;
    this.appender = appender;
    this.root = root;
  }

  /**
   * Starts journaling every log event of this process into {@code dir}.
   *
   * @param processName {@code berth-master} or {@code berth-agent} (its unit is {@code <name>.service})
   */
  public static NodeJournal install(Path dir, String processName, String hostname, Limits limits, Ticker ticker) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the journal directory " + dir, e);
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName(APPENDER);
    JournalEncoder encoder = new JournalEncoder(processName, hostname, ProcessHandle.current().pid(), ticker);
    encoder.setContext(context);
    encoder.start();
    appender.setEncoder(encoder);
    PruningPolicy policy = new PruningPolicy(dir, limits.maxFiles());
    policy.setContext(context);
    policy.setParent(appender);
    policy.setFileNamePattern(dir.toAbsolutePath() + "/journal.%d{yyyy-MM-dd,UTC}.%i.jsonl");
    policy.setMaxFileSize(new FileSize(limits.maxFileSize()));
    policy.start();
    policy.prune(limits.maxFiles());
    appender.setRollingPolicy(policy);
    appender.start();
    if (!appender.isStarted()) {
      throw new IllegalStateException("the journal appender did not start in " + dir + ": "
          + context.getStatusManager().getCopyOfStatusList());
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    return new NodeJournal(dir, appender, root);
  }

  public Path dir() {
    return dir;
  }

  /** A reader of this journal. */
  public JournalReader reader() {
    return new JournalReader(dir);
  }

  /** Stops journaling (the files stay). */
  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
