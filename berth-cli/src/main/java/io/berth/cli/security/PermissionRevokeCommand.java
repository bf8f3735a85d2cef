package io.berth.cli.security;

import io.berth.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth security org permissions revoke <uid> <rid> <action>}. */
@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a user's action on a resource.",
    footerHeading = "%nExample:%n", footer = "  berth security org permissions revoke alice dcos:adminrouter:service:marathon full")
public final class PermissionRevokeCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "UID", description = "The user's id.")
  String uid;

  @Parameters(index = "1", paramLabel = "RID", description = "The resource id.")
  String rid;

  @Parameters(index = "2", paramLabel = "ACTION", description = "The action.")
  String action;

  @Override
  protected void execute() {
    session().iam().revoke(uid, rid, action);
    out().println("Revoked " + uid + " " + action + " on " + rid);
  }
}
