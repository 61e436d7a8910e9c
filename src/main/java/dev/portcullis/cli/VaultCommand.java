package dev.portcullis.cli;

import dev.portcullis.config.ConfigException;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.MasterKeyRotation;
import dev.portcullis.keys.MasterKeySource;
import dev.portcullis.keys.Vault;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/** {@code portcullis vault rotate-master-key | reseal | status}: the master key that seals provider credentials. */
@Command(name = "vault", mixinStandardHelpOptions = true, description = "The vault's master key.",
    subcommands = {VaultCommand.RotateMasterKey.class, VaultCommand.Reseal.class, VaultCommand.Status.class})
public final class VaultCommand {

  @Option(names = {"-c", "--config"}, description = "YAML config file", scope = ScopeType.INHERIT)
  Path configFile;

  @Command(name = "rotate-master-key", mixinStandardHelpOptions = true, description = {
      "Re-encrypt every virtual key under a new master key, one row at a time; safe to run again after a crash.",
      "With the key file (no PORTCULLIS_MASTER_KEY): the new key is made in master.key.next, and becomes master.key",
      "once every row is re-sealed; the old key moves to master.key.previous.",
      "With PORTCULLIS_MASTER_KEY: give the new key with --new-key-env, then set PORTCULLIS_MASTER_KEY to it and",
      "PORTCULLIS_MASTER_KEY_PREVIOUS to the old one on every node."})
  static final class RotateMasterKey implements Callable<Integer> {
    @ParentCommand VaultCommand parent;
    @Option(names = "--new-key-env", description = "Environment variable holding the new key (base64 or hex)")
    String newKeyEnv;

    @Override
    public Integer call() {
      try {
        GatewayConfig config = new ConfigLoader(System.getenv()).load(parent.configFile);
        boolean fileBased = !MasterKeySource.isConfigured(config.masterKey());
        Vault old = MasterKeySource.vault(config.masterKey(), config.masterKeyPrevious(), config.dataDir());
        Vault rotating = old.rotatedTo(newKey(config, fileBased));
        try (StoreSession store = new StoreSession(config, rotating)) {
          int resealed = store.tenancy().masterKeyRotation().resealAll(store.actor(), slug -> { });
          System.out.println("re-sealed " + resealed + " virtual keys under master key " + rotating.keyId());
        }
        if (fileBased) {
          MasterKeySource.promotePending(config.dataDir());
          System.out.println("master.key now holds key " + rotating.keyId() + "; the old key " + old.keyId()
              + " was appended to master.key.previous");
        } else {
          System.out.println("now set PORTCULLIS_MASTER_KEY to the new key (" + rotating.keyId() + ") and add the "
              + "old one (" + old.keyId() + ") to PORTCULLIS_MASTER_KEY_PREVIOUS on every node");
        }
        return 0;
      } catch (ConfigException | GatewayException e) {
        System.err.println("portcullis: " + e.getMessage());
        return 2;
      }
    }

    private byte[] newKey(GatewayConfig config, boolean fileBased) {
      if (fileBased) {
        if (newKeyEnv != null) {
          throw new ConfigException("--new-key-env: given, but the master key lives in the key file (expected: "
              + "no option; a new key is generated into master.key.next)");
        }
        return MasterKeySource.pendingOrNew(config.dataDir());
      }
      if (newKeyEnv == null) {
        throw new ConfigException("--new-key-env: missing (expected: the variable holding the new master key, "
            + "since PORTCULLIS_MASTER_KEY is set)");
      }
      String value = System.getenv(newKeyEnv);
      if (value == null) {
        throw new ConfigException("--new-key-env: environment variable " + newKeyEnv + " is not set");
      }
      return MasterKeySource.load(value, config.dataDir());
    }
  }

  @Command(name = "reseal", mixinStandardHelpOptions = true,
      description = "Re-seal rows still sealed by a previous master key under the current one.")
  static final class Reseal implements Callable<Integer> {
    @ParentCommand VaultCommand parent;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        int n = store.tenancy().masterKeyRotation().resealAll(store.actor(), slug -> { });
        System.out.println("re-sealed " + n + " virtual keys under master key " + store.vault().keyId());
        return 0;
      });
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "How many virtual keys each master key sealed, and whether this installation holds it.")
  static final class Status implements Callable<Integer> {
    @ParentCommand VaultCommand parent;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        MasterKeyRotation rotation = store.tenancy().masterKeyRotation();
        System.out.println("current master key: " + store.vault().keyId());
        CliTable table = new CliTable("%-14s  %6s  %s", "MASTER_KEY", "ROWS", "STATE");
        for (Map.Entry<String, Integer> e : rotation.rowsByKey().entrySet()) {
          table.row(e.getKey(), e.getValue(),
              e.getKey().equals(store.vault().keyId()) ? "current"
                  : store.vault().keyIds().contains(e.getKey()) ? "previous (run 'vault reseal')" : "NOT HELD");
        }
        return 0;
      });
    }
  }
}
