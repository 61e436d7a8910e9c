package dev.portcullis.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsCheckTest {

  private final SecretsCheck secrets = new SecretsCheck(true);

  @Test
  void redactsEachKindWithItsTag() {
    RedactionTags tags = new RedactionTags();
    assertThat(secrets.redact("aws AKIAIOSFODNN7EXAMPLE and AKIAIOSFODNN7EXAMPLE", tags))
        .isEqualTo("aws [AWS_ACCESS_KEY_1] and [AWS_ACCESS_KEY_1]");
    assertThat(secrets.redact("Authorization: Bearer abcDEF123456ghiJKL789mno", tags))
        .isEqualTo("Authorization: Bearer [BEARER_TOKEN_1]");
    assertThat(secrets.redact("key sk-ant-api03-" + "a".repeat(40) + "1B", tags)).isEqualTo("key [ANTHROPIC_API_KEY_1]");
    assertThat(secrets.redact("ghp_" + "A1".repeat(18), tags)).isEqualTo("[GITHUB_TOKEN_1]");
  }

  @Test
  void privateKeyBlockIsOneFinding() {
    String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow AKIAIOSFODNN7EXAMPLE\n-----END RSA PRIVATE KEY-----";
    assertThat(secrets.detect("x " + pem + " y")).extracting(Detection::type).containsExactly("PRIVATE_KEY");
  }

  @Test
  void hashesAndUuidsAreNotSecrets() {
    assertThat(secrets.detect("commit 9fceb02d0ae598e95dc970b74767f19372d61af8 id 3f2504e0-4f89-11d3-9a0c-0305e82c3301"))
        .isEmpty();
  }
}
