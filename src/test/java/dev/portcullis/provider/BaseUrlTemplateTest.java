package dev.portcullis.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.error.GatewayException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaseUrlTemplateTest {

  private static final String BEDROCK = "https://bedrock-runtime.{aws_region}.amazonaws.com";

  @Test
  void fieldsFillTheirPlaces() {
    assertThat(BaseUrlTemplate.fill("bedrock", BEDROCK, Map.of("aws_region", "eu-central-1")))
        .isEqualTo("https://bedrock-runtime.eu-central-1.amazonaws.com");
  }

  @Test
  void missingFieldIs400NamingItAndWhereItComesFrom() {
    assertThatThrownBy(() -> BaseUrlTemplate.fill("bedrock", BEDROCK, Map.of()))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessageStartingWith("aws_region: missing (expected: the aws_region of the 'bedrock' account")
        .hasMessageContaining("PORTCULLIS_PROVIDER_BEDROCK_AWS_REGION");
  }

  @Test
  void valueThatCouldRedirectTheHostIsRefused() {
    assertThatThrownBy(() -> BaseUrlTemplate.fill("bedrock", BEDROCK, Map.of("aws_region", "evil.com/x?")))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessage("aws_region: 'evil.com/x?' (expected: letters, digits, '.', '_' or '-')");
  }
}
