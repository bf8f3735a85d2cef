package io.berth.cli.marathon;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth marathon ...}. */
@Command(name = "marathon", mixinStandardHelpOptions = true, description = "Marathon: apps, groups, pods, deployments, tasks.",
    subcommands = {AppCommand.class, GroupCommand.class, DeploymentCommand.class, MarathonTaskCommand.class, PodCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth marathon app list")
public final class MarathonCommand extends NounCommand {}
