package dev.portcullis.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.error.GatewayException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnthropicErrorEncoderTest {

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(GatewayException.badRequest("bad", "model"), "invalid_request_error"),
        Arguments.of(GatewayException.unauthorized("no key"), "authentication_error"),
        Arguments.of(GatewayException.forbidden("no"), "permission_error"),
        Arguments.of(GatewayException.notFound("none"), "not_found_error"),
        Arguments.of(GatewayException.payloadTooLarge(1024), "request_too_large"),
        Arguments.of(GatewayException.timeout("slow"), "timeout_error"),
        Arguments.of(GatewayException.conflict("exists"), "invalid_request_error"),
        Arguments.of(GatewayException.upstreamUnreachable("refused"), "api_error"),
        Arguments.of(new GatewayException.UpstreamError(402, "insufficient_quota", "pay", null, null), "billing_error"),
        Arguments.of(new GatewayException.UpstreamError(429, "tokens", "slow down", null, null), "rate_limit_error"),
        Arguments.of(new GatewayException.UpstreamError(422, "not_anthropic", "odd", null, null),
            "invalid_request_error"),
        Arguments.of(new GatewayException.UpstreamError(500, "server_error", "boom", null, null), "api_error"),
        Arguments.of(new GatewayException.UpstreamError(529, "overloaded_error", "busy", null, null),
            "overloaded_error"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void errorTypeFollowsTheStatusAnthropicClientsRead(GatewayException error, String type) {
    var body = AnthropicDialectFixtureTest.tree(AnthropicChatDialect.INSTANCE.error(error));

    assertThat(body.get("type").asText()).isEqualTo("error");
    assertThat(body.at("/error/type").asText()).isEqualTo(type);
    assertThat(body.at("/error/message").asText()).isEqualTo(error.getMessage());
  }
}
