package dev.portcullis.cli;

import dev.portcullis.migrate.MigrationOptions;
import dev.portcullis.migrate.MigrationPlan;
import dev.portcullis.migrate.PortkeyMigration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code portcullis migrate portkey [PATH]}: rewrites a repository's Portkey usage for Portcullis. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Move code from another gateway.",
    subcommands = {MigrateCommand.Portkey.class})
public final class MigrateCommand {

  static final int DECLINED = 1;

  @Command(name = "portkey", mixinStandardHelpOptions = true,
      description = {"Rewrite a repository's Portkey usage for Portcullis: base URLs, PORTKEY_GATEWAY_URL and client "
          + "constructors point at the gateway; x-portkey-* headers, createHeaders and @slug/model stay.",
          "Shows a unified diff and a summary, then asks before writing. Exit 0 done or nothing to do, 1 declined, "
              + "2 bad arguments."})
  static final class Portkey implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", defaultValue = ".", description = "Directory to migrate (default: .)")
    Path path;
    @Option(names = "--gateway-url", defaultValue = MigrationOptions.DEFAULT_GATEWAY_URL,
        description = "The gateway's base URL (default: ${DEFAULT-VALUE})") String gatewayUrl;
    @Option(names = "--rename-env", description = "Rename PORTKEY_API_KEY to PORTCULLIS_API_KEY everywhere")
    boolean renameEnv;
    @Option(names = "--dry-run", description = "Show the diff and summary; write nothing") boolean dryRun;
    @Option(names = "--yes", description = "Apply without asking") boolean yes;
    @Option(names = "--no-backup", description = "Do not keep FILE.portcullis-migrate.bak copies") boolean noBackup;

    @Override
    public Integer call() throws IOException {
      MigrationPlan plan = new PortkeyMigration(new MigrationOptions(gatewayUrl, renameEnv)).plan(path);
      System.out.print(plan.diff());
      System.out.print(plan.summary());
      int files = plan.changed().size();
      if (files == 0) {
        System.out.println("Nothing to change.");
        return 0;
      }
      if (dryRun) {
        System.out.println("Dry run: nothing written.");
        return 0;
      }
      if (!yes && !confirmed(files)) {
        System.out.println("Declined: nothing written.");
        return DECLINED;
      }
      List<Path> backups = PortkeyMigration.apply(plan, !noBackup);
      System.out.println("Changed " + files + " file" + (files == 1 ? "" : "s")
          + (backups.isEmpty() ? " (no backups)." : "; backups end in .portcullis-migrate.bak."));
      return 0;
    }

    private static boolean confirmed(int files) throws IOException {
      System.out.print("Apply these changes to " + files + " file" + (files == 1 ? "" : "s") + "? [y/N] ");
      System.out.flush();
      String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT));
    }
  }
}
