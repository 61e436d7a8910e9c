package dev.portcullis.routing;

import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.ProviderSpec;
import dev.portcullis.provider.ProviderTable;

/**
 * The body's model id read as an address, once: {@code @slug/model} names a virtual key, {@code provider/model} a
 * provider (its server-held key, or its keys in turn), anything else is a bare model id (routed by headers, smart
 * routing or the only configured provider). A bare id may hold slashes of its own ({@code meta-llama/Llama-3}).
 */
public sealed interface ModelAddress {

  /** The model id as the body wrote it, or null. */
  String text();

  /** The model id to send upstream, the address part removed. */
  String model();

  /** The body names no model. */
  record None() implements ModelAddress {
    @Override
    public String text() {
      return null;
    }

    @Override
    public String model() {
      return null;
    }
  }

  record ViaVirtualKey(String text, String slug, String model) implements ModelAddress {}

  record ViaProvider(String text, ProviderSpec provider, String model) implements ModelAddress {}

  record Bare(String text) implements ModelAddress {
    @Override
    public String model() {
      return text;
    }
  }

  ModelAddress NONE = new None();

  /**
   * @throws GatewayException.BadRequest for an {@code @} address without a slug or a model
   */
  static ModelAddress parse(String model) {
    if (model == null) {
      return NONE;
    }
    int slash = model.indexOf('/');
    if (model.startsWith("@")) {
      if (slash < 2 || slash == model.length() - 1) {
        throw GatewayException.badRequest("model: '" + model + "' (expected: '@<virtual-key>/<model>')", "model");
      }
      return new ViaVirtualKey(model, model.substring(1, slash), model.substring(slash + 1));
    }
    if (slash > 0) {
      ProviderSpec spec = ProviderTable.find(model.substring(0, slash)).orElse(null);
      if (spec != null) {
        return new ViaProvider(model, spec, model.substring(slash + 1));
      }
    }
    return new Bare(model);
  }
}
