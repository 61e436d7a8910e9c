package dev.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The list prices the gateway knows: the bundled {@code price-catalog.json}, or an operator's file
 * ({@code PORTCULLIS_PRICE_CATALOG}) in its place. One entry per provider and model.
 */
public final class PriceCatalog {

  /** The fields of one entry, in the order the admin API shows them. */
  public static final List<String> FIELDS = List.of("provider", "model", "input", "cached_input", "cache_write",
      "output", "reasoning", "per_image", "per_audio_second", "max_output_tokens", "as_of", "source");
  private static final List<String> AMOUNTS = FIELDS.subList(2, 9);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Map<String, Price>> byProvider;
  private final List<Price> all;
  private final Map<String, List<Price>> byModel;

  private PriceCatalog(List<Price> prices) {
    Map<String, Map<String, Price>> map = new HashMap<>();
    for (Price p : prices) {
      map.computeIfAbsent(p.provider(), k -> new HashMap<>()).put(p.model(), p);
    }
    this.byProvider = map;
    this.byModel = prices.stream().collect(Collectors.groupingBy(Price::model));
    this.all = prices.stream().sorted(Comparator.comparing(Price::provider).thenComparing(Price::model)).toList();
  }

  public static PriceCatalog bundled() {
    try (InputStream in = PriceCatalog.class.getResourceAsStream("/price-catalog.json")) {
      return parse(JSON.readTree(in), "price-catalog.json (bundled)");
    } catch (IOException e) {
      throw new IllegalStateException("bundled price catalog is unreadable", e);
    }
  }

  /** The operator's catalog. */
  public static PriceCatalog load(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ConfigException("price_catalog / PORTCULLIS_PRICE_CATALOG: " + file + ": " + e.getMessage()
          + " (expected: a readable JSON file shaped like the bundled price-catalog.json)");
    }
    return parse(root, "price_catalog / PORTCULLIS_PRICE_CATALOG: " + file);
  }

  static PriceCatalog parse(JsonNode root, String source) {
    JsonNode prices = root == null ? null : root.get("prices");
    if (prices == null || !prices.isArray()) {
      throw new ConfigException(source + ": prices: missing (expected: an array of {provider, model, input, ...})");
    }
    List<Price> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < prices.size(); i++) {
      String where = source + ": prices[" + i + "]";
      Price p;
      try {
        p = price(prices.get(i), null, null);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + "." + e.getMessage());
      }
      if (!seen.add(p.provider() + "\n" + p.model())) {
        throw new ConfigException(where + ": " + p.provider() + "/" + p.model()
            + " is listed twice (expected: one entry per provider and model)");
      }
      out.add(p);
    }
    return new PriceCatalog(out);
  }

  /**
   * One price from its JSON fields; {@code provider} and {@code model} come from the JSON when null.
   *
   * @throws IllegalArgumentException naming the field, the value and what was expected
   */
  public static Price price(JsonNode json, String provider, String model) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("price: not an object (expected: {" + String.join(", ", FIELDS) + "})");
    }
    json.fieldNames().forEachRemaining(f -> {
      if (!FIELDS.contains(f) && !f.startsWith("_")) {
        throw new IllegalArgumentException(f + ": unknown field (expected some of: " + String.join(", ", FIELDS)
            + ")");
      }
    });
    String p = provider != null ? provider : text(json, "provider", true);
    String m = model != null ? model : text(json, "model", true);
    BigDecimal[] amounts = new BigDecimal[AMOUNTS.size()];
    boolean any = false;
    for (int i = 0; i < amounts.length; i++) {
      amounts[i] = amount(json, AMOUNTS.get(i));
      any |= amounts[i] != null;
    }
    if (!any) {
      throw new IllegalArgumentException("input: missing (expected: at least one price, e.g. input and output per "
          + "million tokens)");
    }
    String asOf = text(json, "as_of", false);
    LocalDate date = null;
    if (asOf != null) {
      try {
        date = LocalDate.parse(asOf);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("as_of: '" + asOf + "' (expected: a date such as 2026-11-01)");
      }
    }
    return new Price(p, m, amounts[0], amounts[1], amounts[2], amounts[3], amounts[4], amounts[5], amounts[6],
        maxOutputTokens(json), date, text(json, "source", false));
  }

  private static Integer maxOutputTokens(JsonNode json) {
    JsonNode v = json.get("max_output_tokens");
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1) {
      throw new IllegalArgumentException("max_output_tokens: " + v + " (expected: a whole number of tokens, 1 or more)");
    }
    return v.intValue();
  }

  private static String text(JsonNode json, String field, boolean required) {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException(field + ": missing (expected: a non-empty string)");
      }
      return null;
    }
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw new IllegalArgumentException(field + ": " + v + " (expected: a non-empty string)");
    }
    return v.textValue();
  }

  private static BigDecimal amount(JsonNode json, String field) {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || v.decimalValue().signum() < 0) {
      throw new IllegalArgumentException(field + ": " + v + " (expected: a price in USD, 0 or more, or null)");
    }
    return v.decimalValue();
  }

  /** The list price of {@code model} at {@code provider}, or null. */
  Price priceOrNull(String provider, String model) {
    Map<String, Price> models = provider == null ? null : byProvider.get(provider);
    return models == null ? null : models.get(model);
  }

  /** Every provider's price of {@code model} (for a worst case when the provider is not known yet). */
  List<Price> everyProvider(String model) {
    return byModel.getOrDefault(model, List.of());
  }

  /** Every price, by provider then model. */
  public List<Price> all() {
    return all;
  }
}
