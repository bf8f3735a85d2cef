package io.berth.cli.cluster;

import io.berth.cli.CliCommand;
import io.berth.cli.CliFailure;
import io.berth.cli.config.ClusterConfig;
import io.berth.cli.config.ClusterStore;
import io.berth.cli.auth.Login;
import io.berth.client.GatewayHttp;
import io.berth.client.TrustBundle;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth cluster setup <url>}: downloads the CA bundle, pins it by fingerprint, logs in and attaches the cluster. */
@Command(name = "setup", mixinStandardHelpOptions = true,
    description = {"Set up a cluster: pin its CA bundle, log in, attach it.",
        "Downloads the CA bundle from /ca/dcos-ca.crt, shows its SHA-256 fingerprint (asks to confirm it on a",
        "terminal unless --no-check), pins it, and logs in through the gateway. Non-interactive with",
        "--username and --password-file (a file with the password, or a JSON file with \"password\" such as",
        ".berth/admin-credentials)."},
    footerHeading = "%nExample:%n",
    footer = "  berth cluster setup https://127.0.0.1:8443 --username bootstrapuser --password-file .berth/admin-credentials")
public final class ClusterSetupCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "URL", description = "The gateway's HTTPS URL, e.g. https://127.0.0.1:8443.")
  String url;

  @Option(names = "--name", description = "The name to attach it by (default: host:port of the URL).")
  String name;

  @Option(names = "--username", description = "The user to log in as.")
  String username;

  @Option(names = "--password-file", paramLabel = "FILE", description = "A file with the password.")
  Path passwordFile;

  @Option(names = "--ca-fingerprint", paramLabel = "SHA256",
      description = "The CA's expected SHA-256 fingerprint: setup stops if the downloaded bundle has another.")
  String expectedFingerprint;

  @Option(names = "--no-check", description = "Do not ask to confirm the CA's fingerprint (it is still shown).")
  boolean noCheck;

  @Override
  protected void execute() {
    URI uri = parse(url);
    String base = uri.toString().replaceAll("/+$", "");
    TrustBundle ca = TrustBundle.download(base, Duration.ofSeconds(15));
    String fingerprint = ca.fingerprint();
    out().println("Cluster CA certificate: " + ca.certificates().getFirst().getSubjectX500Principal().getName());
    out().println("SHA-256 fingerprint:    " + fingerprint);
    out().flush();
    if (expectedFingerprint != null) {
      if (!normal(expectedFingerprint).equals(normal(fingerprint))) {
        throw CliFailure.usage("the cluster's CA fingerprint " + fingerprint + " is not the expected " + expectedFingerprint
            + ": not setting it up");
      }
    } else if (!noCheck && terminal()) {
      String answer = System.console().readLine("Is this the fingerprint of your cluster's CA? [yes/no]: ");
      if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
        throw CliFailure.usage("setup cancelled: the CA fingerprint was not confirmed");
      }
    }
    Login.Credentials credentials = Login.credentials(username, passwordFile, terminal());
    GatewayHttp gateway = GatewayHttp.connect(base, ca, null, Duration.ofSeconds(ClusterConfig.DEFAULT_TIMEOUT_SECONDS));
    String token = Login.login(gateway, credentials);
    ClusterStore store = store();
    String id = ClusterConfig.idOf(fingerprint);
    String existingName = store.list().stream().filter(c -> c.id().equals(id)).map(ClusterConfig::name).findFirst().orElse(null);
    String clusterName = name != null ? name : existingName != null ? existingName : uri.getHost() + ":" + port(uri);
    store.save(new ClusterConfig(id, clusterName, base, fingerprint, ClusterConfig.DEFAULT_TIMEOUT_SECONDS));
    store.saveCa(id, ca.pem());
    store.saveToken(id, token);
    store.attach(id);
    out().println("Cluster '" + clusterName + "' (" + id + ") is set up and attached; logged in as " + credentials.uid() + ".");
  }

  private static URI parse(String url) {
    try {
      URI uri = URI.create(url.contains("://") ? url : "https://" + url);
      if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw CliFailure.usage("'" + url + "' is not the gateway's https:// URL (e.g. https://127.0.0.1:8443)");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage("'" + url + "' is not a URL: " + e.getMessage());
    }
  }

  private static int port(URI uri) {
    return uri.getPort() == -1 ? 443 : uri.getPort();
  }

  private static String normal(String fingerprint) {
    return fingerprint.replace(":", "").strip().toUpperCase(Locale.ROOT);
  }
}
