package dev.portcullis.api.anthropic;

import static dev.portcullis.provider.JsonMatch.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.api.StreamEncoder;
import dev.portcullis.wire.OpenAiChatRequestEncoder;
import dev.portcullis.wire.OpenAiChatResponseDecoder;
import dev.portcullis.wire.OpenAiChunkDecoder;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatRequest;
import dev.portcullis.model.Message;
import dev.portcullis.model.Role;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the Anthropic dialect's golden fixtures under {@code src/test/resources/fixtures/anthropic-dialect/}. Each
 * file may hold:
 * <ul>
 *   <li>{@code anthropic_request} → {@code openai_request}: the decoded request, written as OpenAI JSON;</li>
 *   <li>{@code anthropic_request} → {@code request_error} ({@code status}, {@code body}): the 400 it raises, written
 *       as Anthropic's error;</li>
 *   <li>{@code openai_response} → {@code anthropic_response}: an OpenAI answer, decoded, written as a message;</li>
 *   <li>{@code openai_chunks} (OpenAI chunk objects) → {@code anthropic_events} ({@code event}, {@code data}): the
 *       stream, {@code end()} included;</li>
 *   <li>{@code gateway_error} ({@code status}, {@code type}, {@code message}) → {@code anthropic_error};</li>
 *   <li>{@code count_tokens_request} → {@code count_tokens_response}: the estimate.</li>
 * </ul>
 * In expected JSON {@code "<any>"} matches any value and a null field equals an absent one.
 */
class AnthropicDialectFixtureTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final AnthropicChatDialect DIALECT = AnthropicChatDialect.INSTANCE;
  private static final String DIRECTORY = "/fixtures/anthropic-dialect";

  @Test
  void thereAreAtLeastTwelveFixtures() {
    assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(12);
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureTranslatesAsDocumented() {
    return fixtures().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
  }

  private static void check(Path file) throws IOException {
    ObjectNode fixture = (ObjectNode) MAPPER.readTree(file.toFile());
    String name = file.getFileName().toString();
    assertThat(fixture.path("source").asText()).as(name + " source").startsWith("https://");
    assertThat(fixture.path("description").asText()).as(name + " description").isNotBlank();
    int sections = 0;
    ChatRequest request = null;
    if (fixture.has("openai_request")) {
      request = DIALECT.decode(buffer(fixture.get("anthropic_request")));
      assertMatches(tree(OpenAiChatRequestEncoder.encode(request)), fixture.get("openai_request"), name + " request");
      sections++;
    }
    if (fixture.has("request_error")) {
      GatewayException error = catchThrowableOfType(GatewayException.class,
          () -> DIALECT.decode(buffer(fixture.get("anthropic_request"))));
      assertThat(error).as(name + " request error").isNotNull();
      assertThat(error.status()).as(name + " status").isEqualTo(fixture.get("request_error").get("status").asInt());
      assertMatches(tree(DIALECT.error(error)), fixture.get("request_error").get("body"), name + " request error");
      sections++;
    }
    if (request == null) {
      request = ChatRequest.builder("claude-sonnet-4-5", List.of(Message.of(Role.USER, "Hello"))).build();
    }
    if (fixture.has("openai_response")) {
      var response = OpenAiChatResponseDecoder.decode(bytes(fixture.get("openai_response")));
      assertMatches(tree(DIALECT.encode(response, request)), fixture.get("anthropic_response"), name + " response");
      sections++;
    }
    if (fixture.has("openai_chunks")) {
      StreamEncoder encoder = DIALECT.stream(request);
      Buffer stream = Buffer.buffer();
      for (JsonNode chunk : fixture.get("openai_chunks")) {
        stream.appendBuffer(encoder.encode(OpenAiChunkDecoder.decode(bytes(chunk))));
      }
      stream.appendBuffer(encoder.end());
      assertMatches(events(stream.toString(StandardCharsets.UTF_8)), fixture.get("anthropic_events"), name + " stream");
      sections++;
    }
    if (fixture.has("gateway_error")) {
      JsonNode error = fixture.get("gateway_error");
      var exception = new GatewayException.UpstreamError(
          error.get("status").asInt(), error.path("type").asText(null), error.get("message").asText(), null, null);
      assertMatches(tree(DIALECT.error(exception)), fixture.get("anthropic_error"), name + " error");
      sections++;
    }
    if (fixture.has("count_tokens_request")) {
      Buffer answer = MessageTokenEstimator.countTokens(buffer(fixture.get("count_tokens_request")));
      assertMatches(tree(answer), fixture.get("count_tokens_response"), name + " count_tokens");
      sections++;
    }
    assertThat(sections).as(name + " has a section to check").isPositive();
  }

  /**
   * The events of an Anthropic stream as {@code {"event","data"}} objects, after checking the framing:
   * {@code event: <type>\ndata: <json>\n\n} each, with the data's {@code type} equal to the event's.
   */
  static ArrayNode events(String stream) {
    assertThat(stream).endsWith("\n\n");
    ArrayNode events = MAPPER.createArrayNode();
    for (String event : stream.substring(0, stream.length() - 2).split("\n\n", -1)) {
      String[] lines = event.split("\n", -1);
      assertThat(lines).as("event %s", event).hasSize(2);
      assertThat(lines[0]).startsWith("event: ");
      assertThat(lines[1]).startsWith("data: ");
      String type = lines[0].substring("event: ".length());
      JsonNode data = tree(lines[1].substring("data: ".length()).getBytes(StandardCharsets.UTF_8));
      assertThat(data.path("type").asText()).as("type of %s", event).isEqualTo(type);
      events.addObject().put("event", type).set("data", data);
    }
    return events;
  }

  private static List<Path> fixtures() {
    URL directory = AnthropicDialectFixtureTest.class.getResource(DIRECTORY);
    assertThat(directory).as(DIRECTORY).isNotNull();
    try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(JsonNode json) {
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Buffer buffer(JsonNode json) {
    return Buffer.buffer(bytes(json));
  }

  static JsonNode tree(Buffer json) {
    return tree(json.getBytes());
  }

  static JsonNode tree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(new String(json, StandardCharsets.UTF_8), e);
    }
  }
}
