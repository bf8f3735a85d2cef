package io.berth.cli.marathon;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth marathon pod ...}. */
@Command(name = "pod", mixinStandardHelpOptions = true, description = "Marathon pods: containers deployed together.",
    subcommands = {PodAddCommand.class, PodListCommand.class, PodShowCommand.class, PodUpdateCommand.class, PodRemoveCommand.class,
        PodKillCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth marathon pod list")
public final class PodCommand extends NounCommand {}
