package dev.portcullis.cli;

import dev.portcullis.keys.Workspace;
import dev.portcullis.report.AiActFormat;
import dev.portcullis.report.ReportPeriod;
import dev.portcullis.report.Reports;
import dev.portcullis.report.SecurityReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code portcullis report security} and {@code portcullis report ai-act}: the reports of
 * {@code GET /admin/v1/reports/...}, written from the database the gateway uses. The period defaults to the 30 days
 * before now; the workspace to the root, so the whole gateway.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "The CISO security report (PDF) and EU AI Act documentation of AI systems.",
    subcommands = {ReportCommand.Security.class, ReportCommand.AiAct.class})
public final class ReportCommand {

  @Option(names = {"-c", "--config"}, description = "YAML config file", scope = ScopeType.INHERIT)
  Path configFile;

  @Option(names = "--from", description = "ISO-8601 instant the period starts at (default: 30 days before --to)",
      scope = ScopeType.INHERIT)
  String from;

  @Option(names = "--to", description = "ISO-8601 instant the period ends before (default: now)",
      scope = ScopeType.INHERIT)
  String to;

  @Option(names = "--workspace", description = "the workspace reported on, with its descendants (default: the root)",
      scope = ScopeType.INHERIT)
  String workspace = Workspace.ROOT;

  @Command(name = "security", mixinStandardHelpOptions = true, description = "Write the security report as a PDF.")
  static final class Security implements Callable<Integer> {
    @ParentCommand ReportCommand parent;

    @Option(names = {"-o", "--output"}, required = true, description = "the PDF file to write")
    Path output;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        Reports reports = parent.reports(store);
        write(output, SecurityReport.pdf(reports.security(parent.workspace, parent.period(reports))));
        System.out.println("wrote " + output);
        return 0;
      });
    }
  }

  @Command(name = "ai-act", mixinStandardHelpOptions = true,
      description = "Write the EU AI Act documentation of one AI system (Markdown to standard output by default).")
  static final class AiAct implements Callable<Integer> {
    @ParentCommand ReportCommand parent;

    @Option(names = "--ai-system", required = true, description = "the AI system's id")
    String system;

    @Option(names = "--format", description = "md, pdf or json (default: md)")
    String format;

    @Option(names = {"-o", "--output"}, description = "the file to write (required for pdf; default: standard output)")
    Path output;

    @Override
    public Integer call() {
      AiActFormat chosen = AiActFormat.parse(format);
      if (chosen == AiActFormat.PDF && output == null) {
        throw new IllegalArgumentException("--output: missing (expected: a file to write the PDF to)");
      }
      return StoreSession.run(parent.configFile, store -> {
        Reports reports = parent.reports(store);
        byte[] document = chosen.render(reports.aiAct(system, parent.workspace, parent.period(reports)));
        if (output == null) {
          System.out.print(new String(document, java.nio.charset.StandardCharsets.UTF_8));
        } else {
          write(output, document);
          System.out.println("wrote " + output);
        }
        return 0;
      });
    }
  }

  private Reports reports(StoreSession store) {
    return new Reports(store.database(), store.tenancy().workspaces(), store.config(), Clock.systemUTC());
  }

  private ReportPeriod period(Reports reports) {
    return ReportPeriod.parse(from, to, reports.now());
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
