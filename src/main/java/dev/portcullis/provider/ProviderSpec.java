package dev.portcullis.provider;

import dev.portcullis.provider.openai.OpenAiAdapter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One provider, described as data: where it lives, how it wants its credential, which credential fields a virtual
 * key of it stores, which gateway headers carry those fields, and the adapter that speaks its format. An
 * OpenAI-compatible provider is one {@link #openAiCompatible} row; a native provider's spec lives in its own folder
 * next to its adapter.
 *
 * @param id provider id as users write it ({@code groq}, {@code openai})
 * @param baseUrl default base URL including the version path, or null when the user must give one; may name
 *     credential fields in braces ({@code {aws_region}}), filled from the target's fields
 * @param authHeader header carrying the credential ({@code Authorization})
 * @param authPrefix text before the credential in that header ({@code "Bearer "}), may be empty
 * @param requiresKey whether calls without a credential make sense (false for local servers)
 * @param credentials the fields a virtual key of this provider stores
 * @param headerFields gateway headers (after the {@code x-portkey-} / {@code x-portcullis-} prefix) that carry a
 *     credential field, and the field each one sets ({@code aws-region} → {@code aws_region})
 * @param check what the fields must say together, beyond each field's own format
 * @param adapter makes the provider's adapter
 * @param streamUsageOption whether the provider takes OpenAI's {@code stream_options.include_usage}: the gateway then
 *     asks for the usage of a passthrough stream whose client asked for none (and keeps that usage chunk from the
 *     client), so the stream's tokens and cost are the provider's, not an estimate
 */
public record ProviderSpec(
    String id,
    String baseUrl,
    String authHeader,
    String authPrefix,
    boolean requiresKey,
    List<CredentialField> credentials,
    Map<String, String> headerFields,
    CredentialCheck check,
    AdapterFactory adapter,
    boolean streamUsageOption) {

  public ProviderSpec {
    credentials = List.copyOf(credentials);
    headerFields = Map.copyOf(headerFields);
  }

  /** An OpenAI-format provider reached with a bearer API key. */
  public static ProviderSpec openAiCompatible(String id, String baseUrl) {
    return new ProviderSpec(id, baseUrl, "Authorization", "Bearer ", true,
        List.of(CredentialField.secret(CredentialField.API_KEY, true)), Map.of(), CredentialCheck.NONE,
        (vertx, clock) -> new OpenAiAdapter(), false);
  }

  /** An OpenAI-format server that needs no key (a local model server). */
  public static ProviderSpec local(String id, String baseUrl) {
    return new ProviderSpec(id, baseUrl, "Authorization", "Bearer ", false,
        List.of(CredentialField.secret(CredentialField.API_KEY, false)), Map.of(), CredentialCheck.NONE,
        (vertx, clock) -> new OpenAiAdapter(), false);
  }

  /** This provider, taking {@code stream_options.include_usage}. */
  public ProviderSpec withStreamUsageOption() {
    return new ProviderSpec(id, baseUrl, authHeader, authPrefix, requiresKey, credentials, headerFields, check, adapter,
        true);
  }

  /**
   * The credential fields the request's gateway headers set for this provider.
   *
   * @param headers gateway header values by name without prefix
   */
  public Map<String, String> fieldsFrom(Map<String, String> headers) {
    if (headerFields.isEmpty() || headers.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = null;
    for (Map.Entry<String, String> e : headerFields.entrySet()) {
      String value = headers.get(e.getKey());
      if (value != null && !value.isBlank()) {
        if (out == null) {
          out = new HashMap<>(8);
        }
        out.put(e.getValue(), value.trim());
      }
    }
    return out == null ? Map.of() : out;
  }

  @Override
  public String toString() {
    return "ProviderSpec[" + id + " " + baseUrl + "]";
  }
}
