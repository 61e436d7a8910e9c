package dev.portcullis;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: every way to run Portcullis is a subcommand. */
@Command(
    name = "portcullis",
    mixinStandardHelpOptions = true,
    version = "Portcullis 0.1.0",
    description = "A self-hosted, governance-first LLM gateway.",
    subcommands = {dev.portcullis.cli.MockUpstreamCommand.class})
public final class Portcullis {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Portcullis()).execute(args));
  }
}
