package dev.portcullis.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.wire.OpenAiChatRequestDecoder;
import dev.portcullis.mock.EventStreamWriter;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One golden wire fixture: a JSON file under {@code src/test/resources/fixtures/<provider>/}, written from the
 * provider's public API reference. Every section is optional; the runner checks each one present:
 * <ul>
 *   <li>{@code openai_request} → {@code provider_request} ({@code method}, {@code url}, {@code headers} that must be
 *       present, {@code body}) and optionally {@code dropped};</li>
 *   <li>{@code provider_response} → {@code openai_response};</li>
 *   <li>{@code provider_stream} (the raw event-stream text) → {@code openai_chunks} (every chunk, usage included;
 *       when the decoder fails the stream, a last element {@code {"stream_error":{status, type, message, code}}});
 *       for a binary AWS event stream, {@code provider_event_stream} instead: a list of
 *       {@code {"event": "<event type>", "payload": {...}}} and {@code {"exception": "<exception type>",
 *       "payload": {...}}} messages, encoded into real frames with their CRCs;</li>
 *   <li>{@code provider_error} ({@code status}, {@code headers}, {@code body}) → {@code expected_error}
 *       ({@code status}, {@code type}, {@code message}, {@code code}, {@code param});</li>
 *   <li>{@code endpoint} ({@code /embeddings}, {@code /rerank}) switches request and response to that endpoint's
 *       codec instead of chat;</li>
 *   <li>{@code passthrough}: an array of {@code {endpoint, query, url}}, each the URL a passthrough call to that
 *       endpoint with that client query (null for none) goes to;</li>
 *   <li>{@code target} ({@code model}, {@code credential}, {@code fields}, {@code base_url}) overrides the default
 *       target: the directory's provider, the request's model, credential {@code test-key}.</li>
 * </ul>
 * In expected JSON the string {@code "<any>"} matches any value, and a null field equals an absent one.
 */
public record GoldenFixture(String provider, String name, ObjectNode json) {

  static final ObjectMapper MAPPER = new ObjectMapper();

  /** The native providers, each with its own fixture directory. */
  public static final List<String> PROVIDERS =
      List.of("anthropic", "google", "vertex-ai", "bedrock", "azure-openai", "cohere");

  /** Every fixture of one provider, by file name. */
  public static List<GoldenFixture> of(String provider) {
    URL dir = GoldenFixture.class.getResource("/fixtures/" + provider);
    if (dir == null) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      List<GoldenFixture> out = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        out.add(new GoldenFixture(provider, file.getFileName().toString(),
            (ObjectNode) MAPPER.readTree(file.toFile())));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every fixture of every native provider. */
  public static List<GoldenFixture> all() {
    return PROVIDERS.stream().flatMap(p -> of(p).stream()).toList();
  }

  public boolean has(String section) {
    return json.hasNonNull(section);
  }

  /** Whether the fixture holds a provider stream, as text or as AWS event-stream messages. */
  public boolean hasStream() {
    return has("provider_stream") || has("provider_event_stream");
  }

  public JsonNode get(String section) {
    return json.get(section);
  }

  /** The client's request: the fixture's {@code openai_request}, else a minimal one naming the target's model. */
  public ChatRequest chatRequest() {
    if (has("openai_request")) {
      return OpenAiChatRequestDecoder.decode(bytes(get("openai_request")));
    }
    return ChatRequest.builder(model(), List.of(Message.of(Role.USER, "Hello"))).stream(hasStream())
        .build();
  }

  /** The target the call goes to. */
  public Target target() {
    JsonNode t = json.path("target");
    ProviderSpec spec = ProviderTable.find(t.path("provider").asText(provider)).orElseThrow();
    Map<String, String> fields = new LinkedHashMap<>();
    t.path("fields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
    String base = t.hasNonNull("base_url") ? t.get("base_url").asText()
        : BaseUrlTemplate.isTemplate(spec.baseUrl()) ? BaseUrlTemplate.fill(spec.id(), spec.baseUrl(), fields)
        : spec.baseUrl();
    String credential = t.has("credential") ? (t.get("credential").isNull() ? null : t.get("credential").asText())
        : "test-key";
    return new Target(spec, URI.create(base), credential, fields, model(), null, null);
  }

  private String model() {
    JsonNode t = json.path("target");
    if (t.hasNonNull("model")) {
      return t.get("model").asText();
    }
    return json.path("openai_request").path("model").asText("test-model");
  }

  /** The provider's stream as the bytes that came over the wire. */
  public Buffer streamBytes() {
    if (has("provider_event_stream")) {
      Buffer frames = Buffer.buffer();
      for (JsonNode message : get("provider_event_stream")) {
        String payload = message.path("payload").toString();
        frames.appendBuffer(message.has("exception")
            ? EventStreamWriter.exception(message.get("exception").asText(), payload)
            : EventStreamWriter.event(message.get("event").asText(), payload));
      }
      return frames;
    }
    return Buffer.buffer(get("provider_stream").asText().getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON section as bytes; a text section as its UTF-8 text. */
  public static byte[] bytes(JsonNode node) {
    try {
      return node.isTextual() ? node.asText().getBytes(StandardCharsets.UTF_8) : MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return provider + "/" + name;
  }
}
