package io.berth.state.zookeeper;

import io.berth.common.error.BerthException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.zookeeper.common.PathUtils;

/**
 * Where Berth's state lives in ZooKeeper and how to connect: parsed from a URL like
 * {@code zk://host1:2181,host2:2181/berth}. {@code connectString} is what the ZooKeeper client takes
 * ({@code host1:2181,host2:2181}); {@code root} is the znode under which all of Berth's znodes live (default
 * {@value #DEFAULT_ROOT}). A host without a port gets {@value #DEFAULT_PORT}.
 */
public record ZkConfig(
    String connectString, String root, Duration sessionTimeout, Duration connectionTimeout, int maxRetries) {

  public static final String DEFAULT_ROOT = "/berth";
  public static final int DEFAULT_PORT = 2181;
  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
  /** Retries of one operation after a connection loss (exponential backoff from 250 ms). */
  public static final int DEFAULT_MAX_RETRIES = 3;

  private static final String SCHEME = "zk://";
  private static final Pattern HOST_PORT =
      Pattern.compile("(?<host>\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9_][A-Za-z0-9_.-]*)(?::(?<port>[0-9]{1,5}))?");

  public ZkConfig {
    if (connectString == null || connectString.isBlank()) {
      throw BerthException.invalid("ZooKeeper connect string must not be empty");
    }
    root = validRoot(root == null || root.isEmpty() ? DEFAULT_ROOT : root);
    sessionTimeout = positive(sessionTimeout == null ? DEFAULT_SESSION_TIMEOUT : sessionTimeout, "session timeout");
    connectionTimeout =
        positive(connectionTimeout == null ? DEFAULT_CONNECTION_TIMEOUT : connectionTimeout, "connection timeout");
    if (maxRetries < 0) {
      throw BerthException.invalid("ZooKeeper max retries must not be negative, got " + maxRetries);
    }
  }

  /** Parses {@code zk://host[:port][,host[:port]...][/path]}; throws {@link BerthException} INVALID if malformed. */
  public static ZkConfig parse(String url) {
    if (url == null || url.isBlank()) {
      throw malformed(url, "it is empty");
    }
    String trimmed = url.strip();
    if (!trimmed.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw malformed(url, "it must start with " + SCHEME);
    }
    String rest = trimmed.substring(SCHEME.length());
    if (rest.contains("@")) {
      throw malformed(url, "credentials in the URL are not supported");
    }
    if (rest.contains("?") || rest.contains("#")) {
      throw malformed(url, "query parameters and fragments are not supported");
    }
    int slash = rest.indexOf('/');
    String hosts = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.equals("/")) {
      path = "";
    }
    String root = path.isEmpty() ? DEFAULT_ROOT : path;
    try {
      PathUtils.validatePath(root);
    } catch (IllegalArgumentException e) {
      throw malformed(url, "'" + path + "' is not a valid znode path (" + e.getMessage() + ")");
    }
    return new ZkConfig(connectString(url, hosts), root, DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT,
        DEFAULT_MAX_RETRIES);
  }

  /** A config for a connect string ({@code host:port,...}) and root, with default timeouts. */
  public static ZkConfig of(String connectString, String root) {
    return new ZkConfig(connectString, root, DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_MAX_RETRIES);
  }

  public ZkConfig withSessionTimeout(Duration timeout) {
    return new ZkConfig(connectString, root, timeout, connectionTimeout, maxRetries);
  }

  public ZkConfig withConnectionTimeout(Duration timeout) {
    return new ZkConfig(connectString, root, sessionTimeout, timeout, maxRetries);
  }

  public ZkConfig withMaxRetries(int retries) {
    return new ZkConfig(connectString, root, sessionTimeout, connectionTimeout, retries);
  }

  /** This config as a URL that {@link #parse} reads back. */
  public String url() {
    return SCHEME + connectString + root;
  }

  private static String connectString(String url, String hosts) {
    if (hosts.isEmpty()) {
      throw malformed(url, "it names no host");
    }
    List<String> servers = new ArrayList<>();
    for (String server : hosts.split(",", -1)) {
      Matcher m = HOST_PORT.matcher(server.strip());
      if (!m.matches()) {
        throw malformed(url, "'" + server + "' is not host[:port]");
      }
      int port = m.group("port") == null ? DEFAULT_PORT : Integer.parseInt(m.group("port"));
      if (port < 1 || port > 65535) {
        throw malformed(url, "port " + port + " of '" + server + "' is out of range 1-65535");
      }
      servers.add(m.group("host") + ":" + port);
    }
    return String.join(",", servers);
  }

  /** {@code root} if it is a valid znode path other than {@code /}; throws {@link BerthException} INVALID if not. */
  static String validRoot(String root) {
    try {
      PathUtils.validatePath(root);
    } catch (IllegalArgumentException e) {
      throw BerthException.invalid("invalid ZooKeeper root path '" + root + "': " + e.getMessage());
    }
    if (root.equals("/")) {
      throw BerthException.invalid("ZooKeeper root path must not be '/'");
    }
    return root;
  }

  private static Duration positive(Duration d, String what) {
    if (d.isNegative() || d.isZero()) {
      throw BerthException.invalid("ZooKeeper " + what + " must be positive, got " + d);
    }
    return d;
  }

  private static BerthException malformed(String url, String reason) {
    return BerthException.invalid("invalid ZooKeeper URL '" + url + "': " + reason
        + " (expected zk://host:port[,host:port...][/path], e.g. zk://zk1:2181,zk2:2181/berth)");
  }
}
