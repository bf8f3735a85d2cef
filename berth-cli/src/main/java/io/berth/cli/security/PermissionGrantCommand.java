package io.berth.cli.security;

import io.berth.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth security org permissions grant <uid> <rid> <action>}. */
@Command(name = "grant", mixinStandardHelpOptions = true,
    description = "Grant a user an action (full, create, read, update, delete) on a resource; the ACL is created if needed.",
    footerHeading = "%nExample:%n", footer = "  berth security org permissions grant alice dcos:adminrouter:service:marathon full")
public final class PermissionGrantCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "UID", description = "The user's id.")
  String uid;

  @Parameters(index = "1", paramLabel = "RID", description = "The resource id, e.g. dcos:adminrouter:ops:mesos.")
  String rid;

  @Parameters(index = "2", paramLabel = "ACTION", description = "full, create, read, update or delete.")
  String action;

  @Override
  protected void execute() {
    session().iam().grant(uid, rid, action);
    out().println("Granted " + uid + " " + action + " on " + rid);
  }
}
