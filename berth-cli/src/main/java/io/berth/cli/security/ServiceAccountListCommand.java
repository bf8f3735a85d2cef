package io.berth.cli.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import picocli.CommandLine.Command;

/** {@code berth security org service-accounts list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the service accounts.",
    footerHeading = "%nExample:%n", footer = "  berth security org service-accounts list --json")
public final class ServiceAccountListCommand extends ReadCommand {
  @Override
  protected JsonNode fetch() {
    return session().iam().users(true);
  }

  @Override
  protected String render(JsonNode users) {
    return IamTables.users(users).render();
  }
}
