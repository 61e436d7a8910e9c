package dev.portcullis.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultTest {

  @TempDir Path dir;

  private static byte[] key(int fill) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) fill);
    return k;
  }

  @Test
  void encryptedSecretDecryptsAndDoesNotContainPlaintext() {
    Vault vault = new Vault(key(1));
    String sealed = vault.encrypt("sk-provider-secret", "openai-prod");
    assertThat(sealed).doesNotContain("sk-provider-secret");
    assertThat(vault.decrypt(sealed, "openai-prod", vault.keyId())).isEqualTo("sk-provider-secret");
  }

  @Test
  void sameSecretEncryptsDifferentlyEachTime() {
    Vault vault = new Vault(key(1));
    assertThat(vault.encrypt("s", "a")).isNotEqualTo(vault.encrypt("s", "a"));
  }

  @Test
  void ciphertextMovedToAnotherRowDoesNotDecrypt() {
    Vault vault = new Vault(key(1));
    String sealed = vault.encrypt("sk-provider-secret", "openai-prod");
    assertThatThrownBy(() -> vault.decrypt(sealed, "openai-dev", vault.keyId())).isInstanceOf(Vault.VaultException.class)
        .hasMessageContaining("'openai-dev'").hasMessageNotContaining("sk-provider-secret");
  }

  @Test
  void wrongMasterKeyIsDetected() {
    Vault first = new Vault(key(1));
    String sealed = first.encrypt("sk-provider-secret", "a");
    assertThatThrownBy(() -> new Vault(key(2)).decrypt(sealed, "a", first.keyId()))
        .isInstanceOf(Vault.VaultException.class).hasMessageContaining("which this vault does not hold");
  }

  @Test
  void rotatedVaultSealsUnderTheNewKeyAndStillOpensWhatTheOldOneSealed() {
    Vault old = new Vault(key(1));
    String before = old.encrypt("sk-old", "a");
    Vault rotated = old.rotatedTo(key(2));
    assertThat(rotated.keyId()).isEqualTo(new Vault(key(2)).keyId()).isNotEqualTo(old.keyId());
    assertThat(rotated.decrypt(before, "a", old.keyId())).isEqualTo("sk-old");
    assertThat(new Vault(key(2)).decrypt(rotated.encrypt("sk-new", "a"), "a", rotated.keyId())).isEqualTo("sk-new");
  }

  @Test
  void masterKeyFileIsCreatedOwnerOnlyAndReusedOnNextStart() throws Exception {
    byte[] first = MasterKeySource.load(null, dir);
    Path file = dir.resolve("master.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(MasterKeySource.load(null, dir)).isEqualTo(first);
  }

  @Test
  void configuredMasterKeyMustBe32Bytes() {
    assertThatThrownBy(() -> MasterKeySource.load("c2hvcnQ=", dir)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("master_key / PORTCULLIS_MASTER_KEY: 5 bytes (expected: 32 bytes");
    assertThat(MasterKeySource.load("01".repeat(32), dir)).hasSize(32);
  }
}
