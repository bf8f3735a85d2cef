package io.berth.cli.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import io.berth.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth security org users show <uid>}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a user or service account.",
    footerHeading = "%nExample:%n", footer = "  berth security org users show alice")
public final class UserShowCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "UID", description = "The user's id.")
  String uid;

  @Override
  protected JsonNode fetch() {
    return session().iam().user(uid);
  }

  @Override
  protected String render(JsonNode u) {
    return Table.of("FIELD", "VALUE").row("uid", u.path("uid").asText()).row("description", u.path("description").asText(""))
        .row("service account", u.path("is_service").asBoolean()).row("provider", u.path("provider_type").asText("internal"))
        .render();
  }
}
