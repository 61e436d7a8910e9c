package dev.portcullis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.error.GatewayException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CacheKeyTest {

  private static final String BODY = "{\"model\":\"gpt-4o\",\"temperature\":0,\"messages\":[{\"role\":\"user\","
      + "\"content\":\"hi\"}]}";

  private static CacheKey key(String body) {
    return key("ws", "", "/chat/completions", body);
  }

  private static CacheKey key(String workspace, String namespace, String scope, String body) {
    return CacheKey.of(workspace, namespace, scope, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void fieldsThatDoNotChangeTheAnswerAreLeftOut() {
    String noisy = BODY.replace("\"temperature\"", "\"user\":\"alice\",\"metadata\":{\"user_id\":\"u1\"},"
        + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"temperature\"");

    assertThat(key(noisy)).isEqualTo(key(BODY));
  }

  @Test
  void keyOrderDoesNotMatterButArrayOrderDoes() {
    String reordered = "{\"messages\":[{\"content\":\"hi\",\"role\":\"user\"}],\"temperature\":0,\"model\":\"gpt-4o\"}";
    String twoMessages = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
        + "{\"role\":\"user\",\"content\":\"b\"}]}";
    String swapped = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"b\"},"
        + "{\"role\":\"user\",\"content\":\"a\"}]}";

    assertThat(key(reordered)).isEqualTo(key(BODY));
    assertThat(key(twoMessages)).isNotEqualTo(key(swapped));
  }

  @Test
  void everythingElseInTheBodyIsPartOfTheKey() {
    for (String changed : new String[] {BODY.replace("gpt-4o", "gpt-4o-mini"), BODY.replace("\"hi\"", "\"hi!\""),
        BODY.replace("\"temperature\":0", "\"temperature\":0,\"seed\":1"),
        BODY.replace("\"temperature\":0", "\"temperature\":0,\"tools\":[]"),
        BODY.replace("\"temperature\":0", "\"temperature\":0,\"response_format\":{\"type\":\"json_object\"}"),
        BODY.replace("\"temperature\":0", "\"temperature\":0,\"n\":2"),
        BODY.replace("\"temperature\":0", "\"temperature\":1")}) {
      assertThat(key(changed)).as(changed).isNotEqualTo(key(BODY));
    }
  }

  @Test
  void aUserFieldInsideAMessageIsKept() {
    String nested = BODY.replace("\"role\":\"user\",", "\"role\":\"user\",\"user\":\"x\",");

    assertThat(key(nested)).isNotEqualTo(key(BODY));
  }

  @Test
  void workspaceNamespaceAndScopeSeparateKeys() {
    CacheKey base = key("ws", "", "/chat/completions", BODY);

    assertThat(key("other", "", "/chat/completions", BODY)).isNotEqualTo(base);
    assertThat(key("ws", "n", "/chat/completions", BODY)).isNotEqualTo(base);
    assertThat(key("ws", "", "/messages", BODY).digest()).isNotEqualTo(base.digest());
    assertThat(base.digest()).hasSize(64);
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsRefused() {
    assertThatThrownBy(() -> key("[1,2]")).isInstanceOf(GatewayException.BadRequest.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> key("{\"model\":")).isInstanceOf(GatewayException.BadRequest.class)
        .hasMessageContaining("not valid JSON");
  }
}
