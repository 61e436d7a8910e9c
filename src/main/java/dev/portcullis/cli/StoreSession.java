package dev.portcullis.cli;

import dev.portcullis.config.ConfigLoader;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.keys.ApiKeyRepository;
import dev.portcullis.keys.ApiKeyService;
import dev.portcullis.keys.MasterKeySource;
import dev.portcullis.keys.Vault;
import dev.portcullis.keys.VirtualKeyRepository;
import dev.portcullis.keys.VirtualKeyService;
import dev.portcullis.routing.saved.SavedConfigRepository;
import dev.portcullis.routing.saved.SavedConfigService;
import dev.portcullis.store.Database;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The store and key services as a CLI command sees them: the same configuration and database the gateway uses, so
 * a key made here works on a running gateway at once.
 */
final class StoreSession implements AutoCloseable {

  private final Database database;
  private final GatewayConfig config;

  StoreSession(Path configFile) {
    this.config = new ConfigLoader(System.getenv()).load(configFile);
    this.database = Database.open(config.databaseUrl());
  }

  ApiKeyService apiKeys() {
    return new ApiKeyService(new ApiKeyRepository(database.dataSource()), Clock.systemUTC());
  }

  VirtualKeyService virtualKeys() {
    Vault vault = new Vault(MasterKeySource.load(config.masterKey(), config.dataDir()));
    return new VirtualKeyService(new VirtualKeyRepository(database.dataSource()), vault, Clock.systemUTC());
  }

  SavedConfigService savedConfigs() {
    return new SavedConfigService(new SavedConfigRepository(database.dataSource()), Clock.systemUTC());
  }

  @Override
  public void close() {
    database.close();
  }
}
