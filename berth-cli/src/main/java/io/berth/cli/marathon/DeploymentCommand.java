package io.berth.cli.marathon;

import io.berth.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code berth marathon deployment ...}. */
@Command(name = "deployment", mixinStandardHelpOptions = true, description = "Marathon deployments: list, roll back, watch.",
    subcommands = {DeploymentListCommand.class, DeploymentRollbackCommand.class, DeploymentWatchCommand.class},
    footerHeading = "%nExample:%n", footer = "  berth marathon deployment list")
public final class DeploymentCommand extends NounCommand {}
