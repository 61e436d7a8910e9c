package dev.portcullis;

import dev.portcullis.cli.AotTrainingCommand;
import dev.portcullis.cli.AuditCommand;
import dev.portcullis.cli.CliFailures;
import dev.portcullis.cli.ConfigCommand;
import dev.portcullis.cli.ImageCommand;
import dev.portcullis.cli.ImportCommand;
import dev.portcullis.cli.KeysCommand;
import dev.portcullis.cli.LogsCommand;
import dev.portcullis.cli.MigrateCommand;
import dev.portcullis.cli.MockUpstreamCommand;
import dev.portcullis.cli.PolicyCommand;
import dev.portcullis.cli.ReportCommand;
import dev.portcullis.cli.PromptsCommand;
import dev.portcullis.cli.ServeCommand;
import dev.portcullis.cli.StatsCommand;
import dev.portcullis.cli.TestCommand;
import dev.portcullis.cli.VaultCommand;
import dev.portcullis.cli.VirtualKeysCommand;
import dev.portcullis.cli.WorkspacesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Entry point: every way to run Portcullis is a subcommand. */
@Command(
    name = "portcullis",
    mixinStandardHelpOptions = true,
    version = "Portcullis 0.1.0",
    description = "A self-hosted, governance-first LLM gateway.",
    subcommands = {ServeCommand.class, KeysCommand.class, WorkspacesCommand.class, VirtualKeysCommand.class,
        ConfigCommand.class, PolicyCommand.class, AuditCommand.class, VaultCommand.class, MockUpstreamCommand.class,
        TestCommand.class, ImageCommand.class, AotTrainingCommand.class, StatsCommand.class, LogsCommand.class,
        ReportCommand.class, MigrateCommand.class, ImportCommand.class, PromptsCommand.class})
public final class Portcullis {

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "On a failure, print the stack trace as well as the one-line explanation.")
  boolean debug;

  public static void main(String[] args) {
    // Every header value the gateway sends comes from a parsed HTTP message or from its own code, so none can hold
    // a line break; Vert.x's per-header validation is CPU spent on every request for nothing. Must be set before
    // Vert.x loads its header classes.
    System.setProperty("vertx.disableHttpHeadersValidation", "true");
    System.exit(commandLine().execute(args));
  }

  /** The command line as {@link #main} runs it: a failure is one line naming what to fix (see {@link CliFailures}). */
  public static CommandLine commandLine() {
    return new CommandLine(new Portcullis()).setExecutionExceptionHandler(new CliFailures());
  }
}
