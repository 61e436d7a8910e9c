package dev.portcullis.routing.smart;

/**
 * One provider's offer of a model: its id there and its list price in USD per million tokens.
 *
 * @param provider provider id from the provider table
 * @param model the model's id at that provider
 */
public record ModelOffer(String provider, String model, double inputPrice, double outputPrice) {

  /** A blended price for ranking: output weighs three times input, as chat answers run longer than prompts. */
  double blendedPrice() {
    return (inputPrice + 3 * outputPrice) / 4;
  }
}
