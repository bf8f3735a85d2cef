package io.berth.cli.marathon;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth marathon app version ...}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "An app's versions.",
    subcommands = {AppVersionListCommand.class}, footerHeading = "%nExample:%n", footer = "  berth app version list /web")
public final class AppVersionCommand extends NounCommand {}
