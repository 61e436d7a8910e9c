package dev.portcullis.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.config.ConfigException;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Moves every virtual key's secrets to the vault's current master key. Rows are re-sealed one per transaction, and
 * each records the key that sealed it, so a crash midway leaves every row readable by a key the installation still
 * holds; running it again finishes the job. Blocking: worker threads or the CLI.
 */
public final class MasterKeyRotation {

  private final TenancyStore store;
  private final VirtualKeyService virtualKeys;
  private final Vault vault;

  MasterKeyRotation(TenancyStore store, VirtualKeyService virtualKeys, Vault vault) {
    this.store = store;
    this.virtualKeys = virtualKeys;
    this.vault = vault;
  }

  /**
   * Re-seals each row not sealed by the current key and returns how many it re-sealed; {@code afterRow} hears each
   * slug once its row is committed. Ends with one audit entry naming the key moved to.
   */
  public int resealAll(AuditActor actor, Consumer<String> afterRow) {
    String target = vault.keyId();
    List<VirtualKeyRepository.Row> rows = store.read("list virtual keys to re-seal",
        c -> store.virtualKeys.sealedByOtherThan(c, target));
    int resealed = 0;
    for (VirtualKeyRepository.Row row : rows) {
      ResolvedVirtualKey open = virtualKeys.opened(row);
      Map<String, String> credentials = new HashMap<>(open.secretFields());
      credentials.putAll(row.key().settings());
      if (!open.credential().isEmpty()) {
        credentials.put(CredentialFields.API_KEY, open.credential());
      }
      VirtualKeyRepository.Row sealed = virtualKeys.sealed(row.key(), credentials);
      boolean moved = store.database.inTransaction("re-seal virtual key '" + row.key().slug() + "'",
          c -> store.virtualKeys.reseal(c, row.key().id(), row.vaultKeyId(), sealed.ciphertext(),
              sealed.fieldsCiphertext(), target));
      if (moved) {
        resealed++;
      }
      afterRow.accept(row.key().slug());
    }
    int count = resealed;
    store.change("record the master key rotation", actor, (c, now) -> {
      ObjectNode after = StoredJson.MAPPER.createObjectNode();
      after.put("master_key_id", target);
      after.put("resealed", count);
      return TenancyStore.Outcome.of(count,
          new AuditEvent(Workspace.ROOT, "vault.reseal", "vault", target, null, after));
    });
    return count;
  }

  /** How many virtual keys each master key id sealed. */
  public Map<String, Integer> rowsByKey() {
    return store.read("count virtual keys by master key", store.virtualKeys::countByVaultKey);
  }

  /**
   * Refuses a master key that seals none of the stored credentials: the data was made under another key (a wrong
   * {@code PORTCULLIS_MASTER_KEY}, or a {@code master.key} file from another installation), and nothing stored could be
   * decrypted. Rows that only some keys seal are left to {@code vault status}.
   *
   * @throws ConfigException naming the key ids held and the ones the data needs
   */
  public void refuseForeignMasterKey() {
    Map<String, Integer> rows = rowsByKey();
    if (!rows.isEmpty() && rows.keySet().stream().noneMatch(vault.keyIds()::contains)) {
      throw new ConfigException("master_key / PORTCULLIS_MASTER_KEY: key " + vault.keyId() + " opens none of the "
          + rows.values().stream().mapToInt(Integer::intValue).sum() + " stored provider credentials, which were "
          + "sealed by master key " + String.join(", ", rows.keySet()) + " (expected: the master key this data was "
          + "created with: restore data_dir/master.key or set PORTCULLIS_MASTER_KEY to it, or list it in "
          + "PORTCULLIS_MASTER_KEY_PREVIOUS)");
    }
  }

  public Vault vault() {
    return vault;
  }
}
