package dev.portcullis.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where an answer is stored: its workspace, its namespace, and a SHA-256 digest of everything that determines the
 * answer. The digest covers the request's scope (endpoint, where it is routed: headers, model address and plan) and
 * its body with object keys sorted, minus the fields that do not change the answer: the end user ({@code user}),
 * {@code metadata} (where Anthropic's {@code user_id} lives), {@code stream} and {@code stream_options}, so a streamed
 * request finds an answer stored from a whole one and the reverse. The trace id and the metadata header are never
 * part of it. Entries of one workspace are never found from another: the workspace is part of the key.
 *
 * @param workspaceId the workspace of the caller
 * @param namespace the {@code -cache-namespace} header, or {@code ""}
 * @param digest 64 hex digits
 */
public record CacheKey(String workspaceId, String namespace, String digest) {

  /** Body fields that never change the answer. */
  public static final Set<String> IGNORED_FIELDS = Set.of("user", "metadata", "stream", "stream_options");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();

  public CacheKey {
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(digest, "digest");
  }

  /**
   * The key of a request.
   *
   * @param scope what routes the request besides its body (endpoint, provider, virtual key, plan), as text
   * @param body the JSON body as received
   * @throws GatewayException.BadRequest when the body is not a JSON object
   */
  public static CacheKey of(String workspaceId, String namespace, String scope, byte[] body) {
    return of(workspaceId, namespace, scope, parse(body));
  }

  /**
   * A request body as a tree, for {@link #of(String, String, String, ObjectNode)}.
   *
   * @throws GatewayException.BadRequest when the body is not a JSON object
   */
  public static ObjectNode parse(byte[] body) {
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (IOException e) {
      throw GatewayException.badRequest("request body is not valid JSON (expected: a JSON object)");
    }
    if (tree == null || !tree.isObject()) {
      throw GatewayException.badRequest("request body is not a JSON object (expected: a JSON object)");
    }
    return (ObjectNode) tree;
  }

  /** The key of a request body already parsed. */
  public static CacheKey of(String workspaceId, String namespace, String scope, ObjectNode tree) {
    ByteArrayOutputStream canonical = new ByteArrayOutputStream(1024);
    canonical.writeBytes(scope.getBytes(StandardCharsets.UTF_8));
    canonical.write(0);
    try (JsonGenerator out = FACTORY.createGenerator(canonical)) {
      write(tree, out, true);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return new CacheKey(workspaceId, namespace, sha256(canonical.toByteArray()));
  }

  /** Writes {@code node} with every object's keys sorted; at the top level the ignored fields are left out. */
  private static void write(JsonNode node, JsonGenerator out, boolean top) throws IOException {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      out.writeStartObject();
      for (String name : names) {
        if (top && IGNORED_FIELDS.contains(name)) {
          continue;
        }
        out.writeFieldName(name);
        write(node.get(name), out, false);
      }
      out.writeEndObject();
    } else if (node.isArray()) {
      out.writeStartArray();
      for (JsonNode item : node) {
        write(item, out, false);
      }
      out.writeEndArray();
    } else {
      out.writeTree(node);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
