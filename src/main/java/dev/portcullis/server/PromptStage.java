package dev.portcullis.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.api.JsonBodyInspector;
import dev.portcullis.error.GatewayException;
import dev.portcullis.prompt.PromptRef;
import dev.portcullis.prompt.PromptRenderer;
import dev.portcullis.prompt.PromptService;
import dev.portcullis.prompt.RenderedPrompt;
import dev.portcullis.routing.ModelAddress;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.random.RandomGenerator;

/**
 * Prompt calls, as Portkey serves them: {@code POST /v1/prompts/{ref}/completions} renders the prompt with the call's
 * variables and hands the rest of the pipeline an ordinary chat (or text) completion, as if the client had sent it,
 * so policies, guardrails, routing, cache and the log apply as to any call; {@code POST /v1/prompts/{ref}/render}
 * answers the rendered request without calling a model. Any other call passes straight on.
 */
final class PromptStage implements Stage {

  private static final String PREFIX = "/prompts/";
  private static final String COMPLETIONS = "completions";
  private static final String RENDER = "render";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PromptService prompts;
  private final ResponseRelay relay;
  private final Vertx vertx;
  private final RandomGenerator random;

  /**
   * @param random draws the version of a label that splits traffic; shared by worker threads, so thread-safe
   */
  PromptStage(PromptService prompts, ResponseRelay relay, Vertx vertx, RandomGenerator random) {
    this.prompts = prompts;
    this.relay = relay;
    this.vertx = vertx;
    this.random = random;
  }

  @Override
  public Future<Void> serve(Exchange call, Chain next) {
    if (!call.endpoint.startsWith(PREFIX)) {
      return next.proceed(call);
    }
    String rest = call.endpoint.substring(PREFIX.length());
    int slash = rest.lastIndexOf('/');
    String action = slash < 0 ? "" : rest.substring(slash + 1);
    if (slash <= 0 || !(action.equals(COMPLETIONS) || action.equals(RENDER))
        || !call.request.method().name().equals("POST")) {
      throw GatewayException.notFound("no route for " + call.request.method() + " " + call.request.path()
          + " (expected: POST /v1/prompts/{id or slug}[@version or @label]/completions or /render)");
    }
    PromptRef ref = PromptRef.parse(rest.substring(0, slash));
    ObjectNode body = body(call);
    String workspace = call.principal.workspaceId();
    return vertx.executeBlocking(() -> PromptRenderer.render(prompts.resolve(ref, workspace, random), body,
        slug -> prompts.partial(slug, workspace)), false).compose(rendered -> {
          call.promptId = rendered.source().prompt().id();
          call.promptVersion = rendered.source().prompt().version();
          call.promptLabel = rendered.source().label();
          if (action.equals(RENDER)) {
            relay.answer(call, new Answer.Rendered(Buffer.buffer(bytes(envelope(rendered)))));
            return Future.succeededFuture();
          }
          call.endpoint = rendered.endpoint();
          call.body = JsonBodyInspector.inspect(Buffer.buffer(bytes(rendered.body())));
          call.stream = call.body.stream();
          call.address = ModelAddress.parse(call.body.model());
          return next.proceed(call);
        });
  }

  /** The call's body as an object; an empty body is a call without variables. */
  private static ObjectNode body(Exchange call) {
    Buffer bytes = call.body.bytes();
    if (bytes.length() == 0) {
      return JSON.createObjectNode();
    }
    if (!call.body.json()) {
      throw GatewayException.unsupportedMediaType("content-type: '" + call.request.getHeader("content-type")
          + "' (expected: application/json for POST /v1" + call.endpoint + ")");
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(bytes.getBytes());
    } catch (java.io.IOException e) {
      throw GatewayException.badRequest("request body is not valid JSON (" + e.getMessage() + ")");
    }
    if (!(tree instanceof ObjectNode object)) {
      throw GatewayException.badRequest("request body: " + tree + " (expected: a JSON object such as "
          + "{\"variables\": {...}})");
    }
    return object;
  }

  /** Portkey's answer to a render: {@code {"success": true, "data": {...the request...}}}. */
  private static ObjectNode envelope(RenderedPrompt rendered) {
    ObjectNode out = JSON.createObjectNode().put("success", true);
    out.set("data", rendered.body());
    return out;
  }

  private static byte[] bytes(JsonNode json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write rendered prompt", e);
    }
  }

  @Override
  public String toString() {
    return "Prompt";
  }
}
