package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The cost of one call per provider usage shape, at the bundled catalog's prices. */
class PriceTest {

  private static final PriceCatalog CATALOG = PriceCatalog.bundled();

  private static BigDecimal cost(String provider, String model, Consumption used) {
    return CATALOG.priceOrNull(provider, model).cost(used);
  }

  @Test
  void plainTokensAreInputAndOutputPerMillion() {
    // gpt-4o: $2.50 in, $10.00 out per million
    assertThat(cost("openai", "gpt-4o", Consumption.tokens(1_000, null, null, 500, null)))
        .isEqualByComparingTo("0.0075");
  }

  @Test
  void cachedInputTokensArePricedApart() {
    // 1,000 prompt tokens of which 800 cached: 200 × 2.50 + 800 × 1.25, per million
    assertThat(cost("openai", "gpt-4o", Consumption.tokens(1_000, 800, null, 0, null)))
        .isEqualByComparingTo("0.0015");
  }

  @Test
  void anthropicCacheWritesAndReadsArePricedApartFromInput() {
    // claude-sonnet-4-5: $3 in, $0.30 cache read, $3.75 cache write, $15 out; prompt 10,000 = 2,000 plain + 5,000
    // read + 3,000 written
    assertThat(cost("anthropic", "claude-sonnet-4-5", Consumption.tokens(10_000, 5_000, 3_000, 1_000, null)))
        .isEqualByComparingTo(new BigDecimal("0.006").add(new BigDecimal("0.0015")).add(new BigDecimal("0.01125"))
            .add(new BigDecimal("0.015")));
  }

  @Test
  void reasoningTokensArePricedApartFromTheRestOfTheOutput() {
    Price o4 = new Price("openai", "test-reasoner", new BigDecimal("1"), null, null, new BigDecimal("4"),
        new BigDecimal("8"), null, null, null, null, null);
    // 1,000 out, of which 600 reasoning: 400 × 4 + 600 × 8, per million; input 0
    assertThat(o4.cost(Consumption.tokens(0, null, null, 1_000, 600))).isEqualByComparingTo("0.0064");
  }

  @Test
  void reasoningWithoutItsOwnPriceCostsWhatOutputCosts() {
    assertThat(cost("openai", "gpt-4.1", Consumption.tokens(0, null, null, 1_000, 600)))
        .isEqualByComparingTo(cost("openai", "gpt-4.1", Consumption.tokens(0, null, null, 1_000, null)));
  }

  @Test
  void imagesArePricedPerImage() {
    assertThat(cost("openai", "dall-e-3", new Consumption(null, null, null, null, null, 3, null)))
        .isEqualByComparingTo("0.12");
  }

  @Test
  void audioIsPricedPerSecond() {
    assertThat(cost("openai", "whisper-1", new Consumption(null, null, null, null, null, null, 90.0)))
        .isEqualByComparingTo("0.009");
  }

  @Test
  void somethingConsumedThatThePriceHasNoRateForIsUnpriced() {
    assertThat(cost("openai", "dall-e-3", Consumption.tokens(100, null, null, 0, null))).isNull();
  }

  @Test
  void everyModelOfTheModelCatalogHasAPrice() throws Exception {
    com.fasterxml.jackson.databind.JsonNode models = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(PriceTest.class.getResourceAsStream("/model-catalog.json")).get("models");
    models.forEach(offers -> offers.forEach(offer -> assertThat(CATALOG.priceOrNull(offer.get("provider").asText(),
        offer.get("model").asText())).as(offer.toString()).isNotNull()));
  }

  @Test
  void budgetsCountCostsRoundedUpToTheMillionthOfADollar() {
    assertThat(Price.micros(new BigDecimal("0.0000001"))).isEqualTo(1);
    assertThat(Price.micros(new BigDecimal("1.00"))).isEqualTo(1_000_000);
  }
}
