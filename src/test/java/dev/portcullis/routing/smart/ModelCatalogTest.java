package dev.portcullis.routing.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.config.ConfigException;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

  @Test
  void bundledCatalogListsProvidersForCommonModels() {
    ModelCatalog catalog = ModelCatalog.bundled();
    assertThat(catalog.offers("gpt-4o-mini")).extracting(ModelOffer::provider).contains("openai");
    assertThat(catalog.offers("llama-3.3-70b")).extracting(ModelOffer::provider)
        .contains("groq", "together-ai", "deepinfra");
    assertThat(catalog.offers("no-such-model")).isEmpty();
  }

  @Test
  void aliasesAreStoredUnderTheCanonicalProviderId() throws Exception {
    ModelCatalog catalog = ModelCatalog.parse(new ObjectMapper().readTree(
        "{\"models\":{\"m\":[{\"provider\":\"together\",\"model\":\"x\"}]}}"), "t");
    assertThat(catalog.offers("m").getFirst().provider()).isEqualTo("together-ai");
  }

  @Test
  void unknownProviderIsRefusedWithItsPath() throws Exception {
    assertThatThrownBy(() -> ModelCatalog.parse(new ObjectMapper().readTree(
        "{\"models\":{\"m\":[{\"provider\":\"acme\",\"model\":\"x\"}]}}"), "cat.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("cat.json: models.m[0].provider: 'acme' (expected one of: openai,");
  }
}
