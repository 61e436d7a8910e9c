package dev.portcullis.provider;

import java.net.URI;
import java.util.Optional;

/** Reads a provider base URL: http or https with a host, trailing slash removed. */
public final class BaseUrl {

  private BaseUrl() {}

  /** The URL, or empty when the text is not an http(s) URL with a host. */
  public static Optional<URI> parse(String text) {
    try {
      URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return Optional.of(uri);
      }
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
