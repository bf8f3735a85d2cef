package io.berth.cli.auth;

import io.berth.cli.CliFailure;
import io.berth.cli.Failures;
import io.berth.cli.Inputs;
import io.berth.client.ApiException;
import io.berth.client.GatewayHttp;
import io.berth.client.IamClient;
import java.nio.file.Path;

/** Gathering credentials (flags, a password file, or prompts on a terminal) and logging in with them. */
public final class Login {
  private Login() {}

  /** A user id and password. */
  public record Credentials(String uid, String password) {}

  /** The credentials from the flags; what is missing is asked for on a terminal, else it is a usage failure. */
  public static Credentials credentials(String username, Path passwordFile, boolean terminal) {
    String uid = username;
    String password = null;
    if (passwordFile != null) {
      Inputs.Secret secret = Inputs.secret(passwordFile);
      password = secret.password();
      uid = uid != null ? uid : secret.uid();
    }
    if (uid == null) {
      if (!terminal) {
        throw CliFailure.usage("give --username (and --password-file) when not on a terminal");
      }
      uid = System.console().readLine("Username: ");
    }
    if (password == null) {
      if (!terminal) {
        throw CliFailure.usage("give --password-file when not on a terminal");
      }
      char[] typed = System.console().readPassword("Password for %s: ", uid);
      password = typed == null ? "" : new String(typed);
    }
    if (uid == null || uid.isBlank() || password.isEmpty()) {
      throw CliFailure.usage("a user name and a password are needed to log in");
    }
    return new Credentials(uid.strip(), password);
  }

  /** Logs in; a refused login is a usage failure with the server's reason. */
  public static String login(GatewayHttp gateway, Credentials credentials) {
    try {
      return new IamClient(gateway).login(credentials.uid(), credentials.password());
    } catch (ApiException e) {
      if (e.status() == 401 || e.status() == 400 || e.status() == 429) {
        throw CliFailure.usage("login as '" + credentials.uid() + "' failed: " + Failures.message(e.body()));
      }
      throw e;
    }
  }
}
