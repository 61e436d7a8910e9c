package dev.portcullis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.error.GatewayException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CacheSettingsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static CacheSettings parse(String json) throws Exception {
    return CacheSettings.parse(JSON.readTree(json), "config");
  }

  @Test
  void maxAgeIsInSecondsAndDefaultsToOneDay() throws Exception {
    assertThat(parse("{\"mode\":\"simple\",\"max_age\":60}")).isEqualTo(new CacheSettings(CacheMode.SIMPLE,
        Duration.ofSeconds(60)));
    assertThat(parse("{\"mode\":\"semantic\",\"maxAge\":3600}").maxAge()).isEqualTo(Duration.ofHours(1));
    assertThat(parse("{\"mode\":\"SIMPLE\"}").maxAge()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void badSettingsNameTheValueAndWhatWasExpected() {
    String[][] cases = {
        {"\"simple\"", "cache is 'simple'", "an object like"},
        {"{}", "cache.mode is missing", "\"simple\" or \"semantic\""},
        {"{\"mode\":\"exact\"}", "'exact'", "\"simple\" or \"semantic\""},
        {"{\"mode\":\"simple\",\"max_age\":0}", "max_age is 0", "whole seconds"},
        {"{\"mode\":\"simple\",\"max_age\":1.5}", "max_age is 1.5", "whole seconds"},
        {"{\"mode\":\"simple\",\"max_age\":\"60\"}", "max_age is \"60\"", "whole seconds"},
        {"{\"mode\":\"simple\",\"ttl\":60}", "cache.ttl is not a cache setting", "mode, max_age"}};
    for (String[] c : cases) {
      JsonNode json;
      try {
        json = JSON.readTree(c[0]);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      assertThatThrownBy(() -> CacheSettings.parse(json, "config")).as(c[0])
          .isInstanceOf(GatewayException.BadRequest.class).hasMessageContaining(c[1]).hasMessageContaining(c[2]);
    }
  }
}
