package io.berth.cli.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import picocli.CommandLine.Command;

/** {@code berth security org users list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the users.",
    footerHeading = "%nExample:%n", footer = "  berth security org users list")
public final class UserListCommand extends ReadCommand {
  @Override
  protected JsonNode fetch() {
    return session().iam().users(false);
  }

  @Override
  protected String render(JsonNode users) {
    return IamTables.users(users).render();
  }
}
