package dev.portcullis.routing.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.config.ConfigException;
import dev.portcullis.provider.ProviderTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Which providers serve which model ids: the bundled {@code model-catalog.json}, or an operator's file. */
public final class ModelCatalog {

  private final Map<String, List<ModelOffer>> offers;

  private ModelCatalog(Map<String, List<ModelOffer>> offers) {
    this.offers = Map.copyOf(offers);
  }

  public static ModelCatalog bundled() {
    try (InputStream in = ModelCatalog.class.getResourceAsStream("/model-catalog.json")) {
      return parse(new ObjectMapper().readTree(in), "model-catalog.json (bundled)");
    } catch (IOException e) {
      throw new IllegalStateException("bundled model catalog is unreadable", e);
    }
  }

  public static ModelCatalog load(Path file) {
    try {
      return parse(new ObjectMapper().readTree(Files.readAllBytes(file)), file.toString());
    } catch (IOException e) {
      throw new ConfigException("model catalog " + file + ": " + e.getMessage()
          + " (expected: a JSON file shaped like the bundled model-catalog.json)");
    }
  }

  static ModelCatalog parse(JsonNode root, String source) {
    JsonNode models = root.path("models");
    if (!models.isObject()) {
      throw new ConfigException(source + ": models: missing (expected: an object of model id to offers)");
    }
    Map<String, List<ModelOffer>> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<ModelOffer> list = new ArrayList<>();
      int i = 0;
      for (JsonNode offer : e.getValue()) {
        String where = source + ": models." + e.getKey() + "[" + i++ + "]";
        String provider = offer.path("provider").asText(null);
        if (provider == null || ProviderTable.find(provider).isEmpty()) {
          throw new ConfigException(where + ".provider: '" + provider + "' (expected one of: "
              + String.join(", ", ProviderTable.ids()) + ")");
        }
        String model = offer.path("model").asText(null);
        if (model == null || model.isBlank()) {
          throw new ConfigException(where + ".model: missing (expected: the model id at that provider)");
        }
        list.add(new ModelOffer(ProviderTable.find(provider).orElseThrow().id(), model,
            offer.path("input").asDouble(0), offer.path("output").asDouble(0)));
      }
      out.put(e.getKey(), List.copyOf(list));
    }
    return new ModelCatalog(out);
  }

  /** The offers for a model id, or none. */
  public List<ModelOffer> offers(String model) {
    return offers.getOrDefault(model, List.of());
  }
}
