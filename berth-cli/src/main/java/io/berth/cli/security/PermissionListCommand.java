package io.berth.cli.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth security org permissions list <uid>}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List a user's permissions, direct and through groups.",
    footerHeading = "%nExample:%n", footer = "  berth security org permissions list alice")
public final class PermissionListCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "UID", description = "The user's id.")
  String uid;

  @Override
  protected JsonNode fetch() {
    return session().iam().permissions(uid);
  }

  @Override
  protected String render(JsonNode permissions) {
    return IamTables.permissions(permissions).render();
  }
}
