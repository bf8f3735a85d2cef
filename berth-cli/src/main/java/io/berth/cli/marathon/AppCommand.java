package io.berth.cli.marathon;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth marathon app ...}, also as the short form {@code berth app ...}. */
@Command(name = "app", mixinStandardHelpOptions = true, description = "Marathon apps: long-running services.",
    subcommands = {AppAddCommand.class, AppListCommand.class, AppShowCommand.class, AppUpdateCommand.class,
        AppRemoveCommand.class, AppRestartCommand.class, AppKillCommand.class, AppVersionCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth app add web.json --wait")
public final class AppCommand extends NounCommand {}
