package dev.portcullis.guard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.error.GatewayException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every check id the gateway knows, with its parameter names: Portkey's {@code default.*} ids with Portkey's
 * parameter names, and ours ({@code portcullis.*}). An unknown id or parameter is a 400 naming it.
 */
public final class CheckCatalog {

  private record Entry(List<String> parameters, Function<CheckParams, Check> local,
      Function<CheckParams, WebhookCheck> webhook) {}

  private static final Map<String, Entry> ENTRIES = entries();

  private CheckCatalog() {}

  /**
   * The check {@code id} with {@code parameters}.
   *
   * @param path where the check sits, e.g. {@code config.before_request_hooks[0].checks[1]}
   */
  static ConfiguredCheck build(String id, JsonNode parameters, String path) {
    Entry entry = ENTRIES.get(id);
    if (entry == null) {
      throw GatewayException.badRequest(path + ".id: unknown check '" + id + "' (known: " + String.join(", ",
          ENTRIES.keySet()) + ")", CheckParams.PARAM);
    }
    CheckParams p = new CheckParams(parameters, path + ".parameters", entry.parameters());
    boolean not = p.bool("not", false);
    return entry.local() != null ? new ConfiguredCheck(id, entry.local().apply(p), null, not)
        : new ConfiguredCheck(id, null, entry.webhook().apply(p), not);
  }

  private static Map<String, Entry> entries() {
    Map<String, Entry> e = new LinkedHashMap<>();
    e.put("default.regexMatch", local(List.of("rule"), RegexMatchCheck::from));
    e.put("default.contains", local(List.of("words", "operator"), ContainsCheck::from));
    e.put("default.wordCount", local(List.of("minWords", "maxWords"), WordCountCheck::from));
    e.put("default.characterCount", local(List.of("minCharacters", "maxCharacters"), CharacterCountCheck::from));
    e.put("default.sentenceCount", local(List.of("minSentences", "maxSentences"), SentenceCountCheck::from));
    e.put("default.jsonSchema", local(List.of("schema"), JsonSchemaCheck::from));
    e.put("default.jsonKeys", local(List.of("keys", "operator"), JsonKeysCheck::from));
    e.put("default.validUrls", local(List.of(), ValidUrlsCheck::from));
    e.put("default.modelWhitelist", local(List.of("models"), ModelAllowlistCheck::from));
    e.put("default.requiredMetadataKeys", local(List.of("metadataKeys", "operator"),
        RequiredMetadataKeysCheck::from));
    e.put("default.webhook", new Entry(List.of("webhookURL", "headers", "timeout", "failOnError"), null,
        WebhookCheck::from));
    e.put("portcullis.pii", local(List.of("types", "redact"), PiiCheck::from));
    e.put("portcullis.secrets", local(List.of("redact"), SecretsCheck::from));
    e.put("portcullis.keywords", local(List.of("words", "case_sensitive", "whole_words"), KeywordsCheck::from));
    e.put("portcullis.promptInjection", local(List.of("threshold"), PromptInjectionCheck::from));
    e.put("portcullis.regexReplace", local(List.of("rule", "replacement"), RegexReplaceCheck::from));
    return java.util.Collections.unmodifiableMap(e);
  }

  private static Entry local(List<String> parameters, Function<CheckParams, Check> factory) {
    return new Entry(parameters, factory, null);
  }
}
