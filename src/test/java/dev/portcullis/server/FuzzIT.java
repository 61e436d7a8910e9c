package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random paths, header names and values, JSON bodies (deep nesting, huge numbers, invalid UTF-8, duplicate keys)
 * and multipart bodies against a running gateway: never a 5xx, never a stack trace or a provider secret, every
 * error in the one error shape.
 */
class FuzzIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TRIES = 100;
  private static final String KEY = GatewayHarness.ADMIN_KEY;
  private static Path dir;
  private static GatewayHarness h;
  private static RawHttp client;

  @BeforeContainer
  static void start() throws IOException {
    dir = Files.createTempDirectory("fuzz");
    h = new GatewayHarness(dir, Map.of("PORTCULLIS_MAX_BODY_BYTES", "65536"));
  }

  @AfterContainer
  static void stop() throws IOException {
    if (client != null) {
      client.close();
    }
    h.close();
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** One request on a kept-alive connection (a fresh one when the gateway closed the last). */
  private static RawHttp.Answer send(String method, String target, Map<String, String> headers, byte[] body)
      throws IOException {
    if (client == null || client.socket.isClosed()) {
      client = new RawHttp(h.gateway.port());
    }
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("connection", "close");
    try {
      return client.exchange(method, target, all, body);
    } finally {
      client.close();
      client = null;
    }
  }

  private static void assertWellBehaved(RawHttp.Answer a) throws IOException {
    assertThat(a.status()).as(a.body()).isBetween(200, 499);
    assertThat(a.body()).doesNotContain(GatewayHarness.SERVER_PROVIDER_KEY).doesNotContain("\tat ")
        .doesNotContain("Exception").doesNotContain("jackson").doesNotContain("[Source:");
    if (a.status() >= 400) {
      assertThat(a.header("content-type")).startsWith("application/json");
      JsonNode error = JSON.readTree(a.body()).path("error");
      assertThat(error.path("message").isTextual()).as(a.body()).isTrue();
      assertThat(error.path("type").isTextual()).as(a.body()).isTrue();
    }
  }

  @Property(tries = TRIES)
  void anyPathIsAnsweredWithoutA5xx(@ForAll("paths") String path) throws IOException {
    assertWellBehaved(send("GET", path, Map.of("authorization", "Bearer " + KEY), new byte[0]));
  }

  @Property(tries = TRIES)
  void anyGatewayHeaderIsAnsweredWithoutA5xx(@ForAll("headerNames") String name, @ForAll("headerValues") String value)
      throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("authorization", "Bearer " + KEY);
    headers.put("content-type", "application/json");
    headers.put(name, value);
    assertWellBehaved(send("POST", "/v1/chat/completions", headers,
        "{\"model\":\"openai/gpt-4o\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8)));
  }

  @Property(tries = TRIES)
  void anyJsonBodyIsAnsweredWithoutA5xx(@ForAll("jsonBodies") byte[] body, @ForAll("endpoints") String endpoint)
      throws IOException {
    assertWellBehaved(send("POST", endpoint, Map.of("authorization", "Bearer " + KEY,
        "content-type", "application/json"), body));
  }

  @Property(tries = TRIES)
  void anyMultipartBodyIsAnsweredWithoutA5xx(@ForAll("multipartBodies") String body) throws IOException {
    assertWellBehaved(send("POST", "/v1/audio/transcriptions", Map.of("authorization", "Bearer " + KEY,
        "content-type", "multipart/form-data; boundary=B0UND"), body.getBytes(StandardCharsets.UTF_8)));
  }

  @Property(tries = 40)
  void anyConfigHeaderIsAnsweredWithoutA5xx(@ForAll("jsonBodies") byte[] config) throws IOException {
    String text = new String(config, StandardCharsets.ISO_8859_1).replaceAll("[\\r\\n]", " ");
    assertWellBehaved(send("POST", "/v1/chat/completions", Map.of("authorization", "Bearer " + KEY,
        "content-type", "application/json", "x-portkey-config", text),
        "{\"model\":\"openai/gpt-4o\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> segment = Arbitraries.strings()
        .withChars("abcxyz019-._~%2eEfF5cC|\\{}^\"<>`[]!$&'()*+,;=:@?#")
        .withCharRange('\u0080', '\u00ff').ofMaxLength(12);
    return segment.list().ofMaxSize(5).map(parts -> "/v1/" + String.join("/", parts));
  }

  @Provide
  Arbitrary<String> headerNames() {
    Arbitrary<String> gateway = Arbitraries.of("config", "provider", "virtual-key", "custom-host", "metadata",
        "request-timeout", "trace-id", "api-key", "strict-open-ai-compliance", "cache-namespace",
        "aws-region", "azure-resource-name", "vertex-service-account-json", "forward-headers")
        .flatMap(n -> Arbitraries.of("x-portkey-", "x-portcullis-", "X-PORTKEY-").map(p -> p + n));
    Arbitrary<String> any = Arbitraries.strings().withChars("abcxyz-_!#$%&'*+.^`|~0123456789").ofMinLength(1)
        .ofMaxLength(30);
    return Arbitraries.oneOf(gateway, any);
  }

  @Provide
  Arbitrary<String> headerValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200),
        Arbitraries.strings().withCharRange('\u0080', '\u00ff').ofMaxLength(20),
        Arbitraries.of("{}", "[]", "null", "{\"targets\":[]}", "{\"strategy\":{\"mode\":\"fallback\"}}",
            "http://a", "http://[::1]/v1", "http://0x7f.1/v1", "-1", "99999999999999999999", "openai", "ollama"));
  }

  @Provide
  Arbitrary<String> endpoints() {
    return Arbitraries.of("/v1/chat/completions", "/v1/messages", "/v1/embeddings", "/v1/completions",
        "/v1/responses", "/v1/rerank", "/v1/some/passthrough");
  }

  @Provide
  Arbitrary<byte[]> jsonBodies() {
    return Arbitraries.oneOf(deepNesting(), hugeNumbers(), duplicateKeys(), invalidUtf8(), randomJson());
  }

  private static Arbitrary<byte[]> deepNesting() {
    return Combinators.combine(Arbitraries.integers().between(1, 3_000), Arbitraries.of("[", "{\"a\":"),
        Arbitraries.of(true, false)).as((depth, open, closed) -> {
          StringBuilder b = new StringBuilder("{\"model\":\"openai/gpt-4o\",\"messages\":");
          b.append(open.repeat(depth)).append("1");
          if (closed) {
            b.append((open.equals("[") ? "]" : "}").repeat(depth));
          }
          return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
        });
  }

  private static Arbitrary<byte[]> hugeNumbers() {
    return Combinators.combine(Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(3_000),
        Arbitraries.of("", "e999999", ".5e-999999", "-", "0000"), Arbitraries.of("temperature", "max_tokens", "n"))
        .as((digits, suffix, field) -> ("{\"model\":\"openai/gpt-4o\",\"messages\":[],\"" + field + "\":"
            + (suffix.equals("-") ? "-" + digits : digits + suffix) + "}").getBytes(StandardCharsets.UTF_8));
  }

  private static Arbitrary<byte[]> duplicateKeys() {
    return Arbitraries.of("model", "stream", "messages", "temperature").list().ofMinSize(2).ofMaxSize(4)
        .map(keys -> {
          StringBuilder b = new StringBuilder("{\"model\":\"openai/gpt-4o\"");
          for (String k : keys) {
            b.append(",\"").append(k).append("\":").append(k.equals("stream") ? "true" : k.equals("messages")
                ? "[]" : "\"openai/gpt-4o-mini\"");
          }
          return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
        });
  }

  private static Arbitrary<byte[]> invalidUtf8() {
    return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8),
        Arbitraries.integers().between(0, 40)).as((junk, at) -> {
          byte[] valid = "{\"model\":\"openai/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
              .getBytes(StandardCharsets.UTF_8);
          int cut = Math.min(at, valid.length);
          byte[] out = new byte[valid.length + junk.length];
          System.arraycopy(valid, 0, out, 0, cut);
          for (int i = 0; i < junk.length; i++) {
            out[cut + i] = (byte) (junk[i] | 0x80);
          }
          System.arraycopy(valid, cut, out, cut + junk.length, valid.length - cut);
          return out;
        });
  }

  private static Arbitrary<byte[]> randomJson() {
    Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20).map(FuzzIT::quoted),
        Arbitraries.integers().map(String::valueOf), Arbitraries.of("true", "false", "null", "1e400", "-0.0"));
    Arbitrary<String> field = Arbitraries.of("model", "messages", "stream", "tools", "input", "max_tokens",
        "stream_options", "n", "x");
    return Combinators.combine(field.list().ofMaxSize(6), scalar.list().ofSize(6),
        Arbitraries.of("", "{", "}", ",", "]", "\"", "garbage")).as((fields, values, tail) -> {
          StringBuilder b = new StringBuilder("{");
          for (int i = 0; i < fields.size(); i++) {
            b.append(i == 0 ? "" : ",").append(quoted(fields.get(i))).append(':').append(values.get(i));
          }
          return b.append('}').append(tail).toString().getBytes(StandardCharsets.UTF_8);
        });
  }

  @Provide
  Arbitrary<String> multipartBodies() {
    Arbitrary<String> disposition = Arbitraries.of("form-data; name=\"model\"", "form-data; name=\"file\"; "
        + "filename=\"model\"", "form-data; name=\"model\"; filename=\"model\"", "form-data; name=model",
        "form-data; filename=\"name=\\\"model\\\"\"", "form-data", "");
    Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("openai/whisper-1", "@nope/whisper-1", "",
        "name=\"model\"\r\n\r\n", "--B0UND", "whisper-1"), Arbitraries.strings().ofMaxLength(30));
    Arbitrary<String> part = Combinators.combine(disposition, value)
        .as((d, v) -> "--B0UND\r\nContent-Disposition: " + d + "\r\n\r\n" + v + "\r\n");
    return Combinators.combine(part.list().ofMaxSize(4), Arbitraries.of("--B0UND--\r\n", "", "--B0UND"))
        .as((parts, end) -> String.join("", parts) + end);
  }

  private static String quoted(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
