package dev.portcullis.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Base64 data carried inline as a {@code data:<media type>;base64,<data>} URL, the way clients send images and
 * files in the request body instead of pointing at a remote URL.
 *
 * @param mediaType the media type without parameters, e.g. {@code image/png}; empty when the URL names none
 * @param base64 the base64 payload, undecoded
 */
public record DataUrl(String mediaType, String base64) {

  private static final String SCHEME = "data:";
  private static final String BASE64_MARKER = ";base64,";

  public DataUrl {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(base64, "base64");
  }

  /** Parses {@code url} when it is a base64 data URL; empty for remote URLs and percent-encoded data URLs. */
  public static Optional<DataUrl> parse(String url) {
    if (url == null || !url.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    int marker = url.indexOf(BASE64_MARKER, SCHEME.length());
    if (marker < 0 || url.indexOf(',', SCHEME.length()) < marker) {
      return Optional.empty();
    }
    String header = url.substring(SCHEME.length(), marker);
    int parameters = header.indexOf(';');
    String mediaType = parameters < 0 ? header : header.substring(0, parameters);
    return Optional.of(new DataUrl(mediaType, url.substring(marker + BASE64_MARKER.length())));
  }

  /** The URL form, {@code data:<media type>;base64,<data>}. */
  public String toUrl() {
    return SCHEME + mediaType + BASE64_MARKER + base64;
  }

  @Override
  public String toString() {
    return "DataUrl[" + mediaType + ", " + base64.length() + " base64 chars]";
  }
}
