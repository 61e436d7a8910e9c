package dev.portcullis.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.observe.AuditVerdict;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/** {@code portcullis audit verify}: checks the audit trail's hash chain. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit trail of admin changes.",
    subcommands = {AuditCommand.Verify.class})
public final class AuditCommand {

  @Option(names = {"-c", "--config"}, description = "YAML config file", scope = ScopeType.INHERIT)
  Path configFile;

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check every entry of the hash chain; exit 1 and name the first bad entry when it is broken.")
  static final class Verify implements Callable<Integer> {
    @ParentCommand AuditCommand parent;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        AuditVerdict v = store.tenancy().audit().verify();
        System.out.println(new ObjectMapper().valueToTree(v.describe()).toString());
        return v.valid() ? 0 : 1;
      });
    }
  }
}
