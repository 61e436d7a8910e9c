package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.error.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathValidatorTest {

  @ParameterizedTest
  @ValueSource(strings = {"/v1/models", "/v1/chat/completions", "/v1/files/file-abc_123.jsonl",
      "/v1/threads/t~1/runs;x=1", "/v1/models/ft:gpt-4o:org@2024", "/v1/a%20b", "/v1/.well", "/v1/..x", "/v1/x.."})
  void plainPathsPass(String path) {
    assertThatCode(() -> RequestPathValidator.check(path, "limit=10&after=a%2Fb")).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/..", "/v1/../admin", "/v1/./models", "/v1/%2e%2e/admin", "/v1/%2E./x", "/v1/.%2e",
      "/v1/models/%2e"})
  void dotSegmentsPlainOrEncodedAreRefused(String path) {
    assertThatThrownBy(() -> RequestPathValidator.check(path, null)).isInstanceOf(GatewayException.BadRequest.class)
        .hasMessageContaining("holds the dot segment");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/..%2fadmin", "/v1/a%2Fb", "/v1/a%5Cb", "/v1/a%5cb"})
  void encodedSlashesAndBackslashesInThePathAreRefused(String path) {
    assertThatThrownBy(() -> RequestPathValidator.check(path, null)).hasMessageContaining("holds an encoded");
  }

  @Test
  void offendingCharacterIsNamedWithItsPosition() {
    assertThatThrownBy(() -> RequestPathValidator.check("/v1/a b", null))
        .hasMessageStartingWith("path: '/v1/a b' holds the character U+0020 at position 5");
    assertThatThrownBy(() -> RequestPathValidator.check("/v1/caf\u00e9", null))
        .hasMessageStartingWith("path: '/v1/caf\u00e9' holds the character U+00E9 at position 7");
    assertThatThrownBy(() -> RequestPathValidator.check("/v1/a%4", null))
        .hasMessage("path: '/v1/a%4' has a broken escape '%4' at position 5 (expected: % followed by two hex digits)");
    assertThatThrownBy(() -> RequestPathValidator.check("/v1/models", "a=`"))
        .hasMessageStartingWith("query: 'a=`' holds the character '`' at position 2");
  }
}
