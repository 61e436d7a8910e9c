package dev.portcullis.provider;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One request as it will go to a provider, before credentials are added: method, absolute URL, headers and body.
 * Codecs build it; {@link ProviderAdapter#authorize} then adds the key, token or signature.
 *
 * @param method the HTTP method
 * @param url the absolute URL, query included
 * @param headers request headers (the body's content type among them); credentials are added later
 * @param body the body bytes, empty for none
 * @param dropped request parameters the provider does not support and that were left out, in request order
 */
public record WireRequest(HttpMethod method, URI url, MultiMap headers, Buffer body, List<String> dropped) {

  public WireRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    dropped = List.copyOf(dropped);
  }

  /** A JSON POST to {@code url}. */
  public static WireRequest postJson(URI url, byte[] json, List<String> dropped) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json");
    return new WireRequest(HttpMethod.POST, url, headers, Buffer.buffer(json), dropped);
  }

  @Override
  public String toString() {
    return "WireRequest[" + method + " " + url + ", " + body.length() + " bytes, dropped=" + dropped + "]";
  }
}
