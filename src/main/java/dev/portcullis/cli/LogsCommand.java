package dev.portcullis.cli;

import dev.portcullis.admin.LogExport;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.observe.RequestLogQuery;
import dev.portcullis.observe.RequestLogRepository;
import dev.portcullis.store.Database;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/** {@code portcullis logs export}: the request log, streamed to a file or standard output. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "The request log.",
    subcommands = {LogsCommand.Export.class})
public final class LogsCommand {

  @Option(names = {"-c", "--config"}, description = "YAML config file", scope = ScopeType.INHERIT)
  Path configFile;

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Every row the filters match, oldest first, as JSON Lines or CSV (header row; metadata as one "
          + "JSON column). Reads the database the gateway uses; rows stream, the log is never loaded whole.")
  static final class Export implements Callable<Integer> {
    private static final int BUFFER_BYTES = 64 * 1024;

    @ParentCommand LogsCommand parent;

    @Mixin LogFilterOptions filters;

    @Option(names = "--format", description = "jsonl (default) or csv")
    String format;

    @Option(names = {"-o", "--output"}, description = "File to write (replaced); standard output when absent")
    Path output;

    @Override
    public Integer call() throws SQLException, IOException {
      LogExport.Format chosen = LogExport.Format.parse(format);
      RequestLogQuery query = filters.query().build();
      try (Database database = Database.open(new ConfigLoader(System.getenv()).load(parent.configFile).databaseUrl())) {
        RequestLogRepository repository = new RequestLogRepository(database);
        if (output == null) {
          OutputStream out = new BufferedOutputStream(System.out, BUFFER_BYTES);
          LogExport.write(repository, query, chosen, out);
          out.flush();
        } else {
          try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output), BUFFER_BYTES)) {
            LogExport.write(repository, query, chosen, out);
          }
        }
      }
      return 0;
    }
  }
}
