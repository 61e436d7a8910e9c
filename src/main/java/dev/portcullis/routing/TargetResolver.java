package dev.portcullis.routing;

import dev.portcullis.provider.Target;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.Principal;
import dev.portcullis.keys.ResolvedVirtualKey;
import dev.portcullis.keys.VirtualKeyResolver;
import dev.portcullis.provider.BaseUrl;
import dev.portcullis.provider.ProviderSpec;
import dev.portcullis.provider.ProviderTable;
import dev.portcullis.routing.config.TargetNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import dev.portcullis.provider.BaseUrlTemplate;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides where one target of a plan goes, from the target, the request's headers and the model address:
 * <ol>
 *   <li>a target naming a provider or virtual key: that one;</li>
 *   <li>{@code -provider} header: passthrough with the caller's provider key (or the server-held one);</li>
 *   <li>{@code -virtual-key} header, or a model {@code @slug/model}: a virtual key;</li>
 *   <li>{@code provider/model}: the provider's server-held credentials;</li>
 *   <li>a bare model: the only configured provider, if there is exactly one.</li>
 * </ol>
 * Every target passes the {@link TargetAdmission} (local providers, caller-chosen hosts) before use.
 */
public final class TargetResolver {

  private final ServerProviders serverProviders;
  private final VirtualKeyResolver virtualKeys;
  private final TargetAdmission admission;

  public TargetResolver(ServerProviders serverProviders, VirtualKeyResolver virtualKeys, TargetAdmission admission) {
    this.serverProviders = serverProviders;
    this.virtualKeys = virtualKeys;
    this.admission = admission;
  }

  /**
   * Resolves where a call with no config target of its own goes: by the request's headers, else its model address.
   */
  public Future<Target> resolve(HeaderRoute route, ModelAddress address, Principal caller) {
    String customHostParam = route.header("custom-host");
    URI customHost;
    Future<Target> target;
    try {
      customHost = route.customHost() == null ? null : url(route.customHost(), customHostParam);
      if (route.provider() != null) {
        target = Future.succeededFuture(passthrough(route, address.text(), customHost));
      } else if (route.virtualKey() != null) {
        target = viaVirtualKey(route.virtualKey(), address.text(), caller, customHost);
      } else if (address instanceof ModelAddress.ViaVirtualKey vk) {
        target = viaVirtualKey(vk.slug(), vk.model(), caller, customHost);
      } else {
        target = Future.succeededFuture(viaServerProvider(address, customHost, route.headers()));
      }
    } catch (GatewayException e) {
      return Future.failedFuture(e);
    }
    return guarded(target, customHost, customHostParam);
  }

  /**
   * Resolves one target of a plan. The model is the target's {@code override_params.model} when set, else the
   * body's; a target that names neither provider nor virtual key goes where the request's headers and model address
   * say (so a config of only {@code retry} works with Portkey's provider header, and a call without a config is a
   * plan of one such target).
   */
  public Future<Target> resolve(TargetNode node, HeaderRoute route, ModelAddress bodyModel, Principal caller) {
    String override = node.overrideModel();
    ModelAddress address;
    try {
      address = override != null ? ModelAddress.parse(override) : bodyModel;
    } catch (GatewayException e) {
      return Future.failedFuture(e);
    }
    if (node.virtualKey() == null && node.provider() == null) {
      return resolve(route, address, caller);
    }
    String model = override != null ? override : bodyModel.text();
    String source = node.path() + ".custom_host";
    Future<Target> target;
    try {
      URI customHost = node.customHost() == null ? null : url(node.customHost(), source);
      target = node.virtualKey() != null
          ? viaVirtualKey(node.virtualKey(), model, caller, customHost)
          : Future.succeededFuture(configured(node, model, customHost, route.headers()));
      return guarded(target, customHost, source);
    } catch (GatewayException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<Target> guarded(Future<Target> target, URI customHost, String customHostSource) {
    return target.compose(t -> admission.admit(t, customHost, customHostSource));
  }

  private Target configured(TargetNode node, String model, URI customHost, Map<String, String> headers) {
    ProviderSpec spec = ProviderTable.find(node.provider()).orElseThrow(() -> GatewayException.badRequest(
        node.path() + ".provider: '" + node.provider() + "' (expected one of: "
            + String.join(", ", ProviderTable.ids()) + ")", "config"));
    String credential = credential(spec, node.apiKey());
    if (credential == null && spec.requiresKey()) {
      throw GatewayException.badRequest(node.path() + ": provider '" + spec.id() + "' has no api_key and no "
          + "server-held credentials (expected: api_key or virtual_key in the target, or PORTCULLIS_PROVIDER_"
          + spec.id().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_API_KEY)", "config");
    }
    Map<String, String> fields = withNodeOptions(fields(spec, headers), node);
    URI base = baseUrl(spec, customHost, fields);
    if (base == null) {
      throw GatewayException.badRequest(node.path() + ".custom_host: missing (expected: the base URL of the '"
          + spec.id() + "' server, e.g. http://host:8000/v1)", "config");
    }
    return new Target(spec, base, credential, fields, model, null, null);
  }

  /** The key a request or config named for a provider, else the server-held one, else null. */
  private String credential(ProviderSpec spec, String given) {
    return given != null ? given
        : serverProviders.find(spec.id()).map(ServerProviders.Configured::credential).orElse(null);
  }

  /**
   * The custom host when given, else the server-held base URL, else the provider's default (its credential fields
   * filled in), else null.
   */
  private URI baseUrl(ProviderSpec spec, URI customHost, Map<String, String> fields) {
    if (customHost != null) {
      return customHost;
    }
    return serverProviders.find(spec.id()).map(ServerProviders.Configured::baseUrl)
        .orElseGet(() -> defaultBase(spec, fields));
  }

  private static URI defaultBase(ProviderSpec spec, Map<String, String> fields) {
    if (spec.baseUrl() == null) {
      return null;
    }
    return URI.create(BaseUrlTemplate.isTemplate(spec.baseUrl())
        ? BaseUrlTemplate.fill(spec.id(), spec.baseUrl(), fields) : spec.baseUrl());
  }

  /**
   * A config target's provider options ({@code aws_region}, {@code azure_deployment_id}...) over the other fields,
   * Azure's named as the credential fields without their {@code azure_} prefix.
   */
  private static Map<String, String> withNodeOptions(Map<String, String> fields, TargetNode node) {
    if (node.providerOptions().isEmpty()) {
      return fields;
    }
    Map<String, String> merged = new HashMap<>(fields);
    node.providerOptions().properties().forEach(option -> {
      String name = option.getKey();
      boolean azureSetting = name.startsWith("azure_") && !name.equals("azure_ad_token");
      JsonNode value = option.getValue();
      if (!value.isNull()) {
        merged.put(azureSetting ? name.substring("azure_".length()) : name,
            value.isValueNode() ? value.asText() : value.toString());
      }
    });
    return merged;
  }

  /** The server-held credential fields of a provider, the fields the request's headers set winning. */
  private Map<String, String> fields(ProviderSpec spec, Map<String, String> headers) {
    Map<String, String> held = serverProviders.find(spec.id()).map(ServerProviders.Configured::fields)
        .orElse(Map.of());
    Map<String, String> fromHeaders = spec.fieldsFrom(headers);
    if (fromHeaders.isEmpty()) {
      return held;
    }
    if (held.isEmpty()) {
      return fromHeaders;
    }
    Map<String, String> merged = new HashMap<>(held);
    merged.putAll(fromHeaders);
    return merged;
  }

  private Target passthrough(HeaderRoute route, String model, URI customHost) {
    String param = route.header("provider");
    ProviderSpec spec = ProviderTable.find(route.provider()).orElseThrow(() -> GatewayException.badRequest(
        param + ": '" + route.provider() + "' (expected one of: " + String.join(", ", ProviderTable.ids()) + ")",
        param));
    String credential = credential(spec, route.providerKey());
    if (credential == null && spec.requiresKey()) {
      throw GatewayException.badRequest("missing provider key for '" + spec.id() + "' (expected: 'Authorization: "
          + "Bearer <provider key>' with the " + param + " header; the gateway key then goes in '"
          + route.header("api-key") + "')", "authorization");
    }
    Map<String, String> fields = fields(spec, route.headers());
    URI base = baseUrl(spec, customHost, fields);
    if (base == null) {
      throw GatewayException.badRequest(route.header("custom-host") + ": missing (expected: the base URL of the '"
          + spec.id() + "' server, e.g. http://host:8000/v1)", route.header("custom-host"));
    }
    return new Target(spec, base, credential, fields, model, null, null);
  }

  private Future<Target> viaVirtualKey(String slug, String model, Principal caller, URI customHost) {
    return virtualKeys.resolve(slug, caller).map(vk -> {
      checkAllowed(vk, model);
      ProviderSpec spec = ProviderTable.find(vk.key().provider()).orElseThrow();
      Map<String, String> fields = new HashMap<>(vk.key().settings());
      fields.putAll(vk.secretFields());
      URI base = customHost != null ? customHost
          : vk.key().baseUrl() != null ? url(vk.key().baseUrl(), "base_url")
          : defaultBase(spec, fields);
      String credential = vk.credential().isEmpty() ? null : vk.credential();
      return new Target(spec, base, credential, fields, model, slug, null);
    });
  }

  private static void checkAllowed(ResolvedVirtualKey vk, String model) {
    if (model != null && !vk.key().allows(model)) {
      throw GatewayException.badRequest("model: '" + model + "' is not served by virtual key '" + vk.key().slug()
          + "' (allowed: " + String.join(", ", vk.key().models()) + ")", "model");
    }
  }

  private Target viaServerProvider(ModelAddress address, URI customHost, Map<String, String> headers) {
    if (address instanceof ModelAddress.ViaProvider pinned) {
      String providerId = pinned.provider().id();
      ServerProviders.Configured held = serverProviders.find(providerId).orElseThrow(() ->
          GatewayException.badRequest("model: '" + address.text() + "' names provider '" + providerId
              + "', which has no server-held credentials and no virtual key of the workspace serves it (expected: "
              + "set PORTCULLIS_PROVIDER_" + providerId.toUpperCase(java.util.Locale.ROOT).replace('-', '_')
              + "_API_KEY, create a virtual key of '" + providerId + "', or address one as '@slug/model')", "model"));
      return configured(held, pinned.model(), customHost, headers);
    }
    String model = address.text();
    ServerProviders.Configured only = serverProviders.only().orElseThrow(() -> GatewayException.badRequest(
        (model == null ? "model: missing" : "model: '" + model + "' does not say which provider serves it")
            + " (expected: 'provider/model', '@virtual-key/model', or a provider header"
            + (serverProviders.ids().isEmpty() ? "" : "; configured providers: "
                + String.join(", ", serverProviders.ids())) + ")", "model"));
    return configured(only, model, customHost, headers);
  }

  private Target configured(ServerProviders.Configured held, String model, URI customHost,
      Map<String, String> headers) {
    return new Target(held.spec(), customHost != null ? customHost : held.baseUrl(), held.credential(),
        fields(held.spec(), headers), model, null, null);
  }

  private static URI url(String text, String param) {
    return BaseUrl.parse(text).orElseThrow(() -> GatewayException.badRequest(param + ": '" + text
        + "' (expected: an http or https base URL such as http://host:8000/v1)", param));
  }
}
