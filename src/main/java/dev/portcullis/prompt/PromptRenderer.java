package dev.portcullis.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.portcullis.error.GatewayException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a prompt version with a call's variables into the request it stands for. Templates are mustache
 * ({@code {{name}}}, sections, inverted sections, partials {@code {{> other-slug}}} naming another prompt of the
 * workspace). Values are inserted as they are: a chat prompt is not HTML, so nothing is HTML-escaped (as Portkey
 * renders). Every variable a template uses must be given, or defaulted by the schema; a section whose variable is
 * absent is skipped.
 */
public final class PromptRenderer {

  private static final Pattern PARTIAL = Pattern.compile("\\{\\{\\s*>\\s*([^}\\s]+)\\s*}}");
  /** Fields of a call's body that steer the rendering and are not sent on. */
  private static final Set<String> CONTROL = Set.of("variables", "promptID", "prompt_id");
  private static final Mustache.Compiler CHECKER = Mustache.compiler().escapeHTML(false);

  private PromptRenderer() {}

  /**
   * Proves a template source compiles, at the time it is written.
   *
   * @throws GatewayException.BadRequest naming {@code field} and the syntax error
   */
  static void check(String source, String field) {
    try {
      CHECKER.compile(source);
    } catch (MustacheException e) {
      throw GatewayException.badRequest(field + ": not a valid mustache template (" + e.getMessage() + ")", field);
    }
  }

  /**
   * The request {@code resolved} stands for with the call's variables; the call's other fields override the
   * prompt's parameters, and its {@code messages} follow the rendered ones.
   *
   * @param partials the template of a prompt of the workspace by slug, for {@code {{> slug}}}
   * @throws GatewayException.BadRequest naming a missing or invalid variable, an unknown partial or a partial cycle
   */
  public static RenderedPrompt render(ResolvedPrompt resolved, ObjectNode call,
      Function<String, Optional<PromptTemplate>> partials) {
    PromptDefinition definition = resolved.prompt().definition();
    ObjectNode variables = PromptVariables.resolve(call.get("variables"), definition.variablesSchema());
    Map<String, String> partialTexts = new LinkedHashMap<>();
    List<String> path = new ArrayList<>(List.of(resolved.prompt().slug()));
    for (String source : definition.template().sources()) {
      collectPartials(source, partials, partialTexts, path);
    }
    Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false)
        .withLoader(name -> new StringReader(partialTexts.get(name)));
    Object context = PromptDefinition.JSON.convertValue(variables, Map.class);

    ObjectNode out = PromptDefinition.JSON.createObjectNode();
    out.put("model", address(definition, call.get("model")));
    String endpoint;
    switch (definition.template()) {
      case PromptTemplate.Chat chat -> {
        ArrayNode messages = out.putArray("messages");
        for (PromptMessage m : chat.messages()) {
          messages.addObject().put("role", m.role()).put("content", execute(compiler, m.content(), context));
        }
        JsonNode more = call.get("messages");
        if (more != null && more.isArray()) {
          more.forEach(messages::add);
        }
        endpoint = "/chat/completions";
      }
      case PromptTemplate.Text text -> {
        out.put("prompt", execute(compiler, text.text(), context));
        endpoint = "/completions";
      }
    }
    out.setAll(definition.parameters().deepCopy());
    call.properties().forEach(field -> {
      String name = field.getKey();
      if (!CONTROL.contains(name) && !name.equals("model") && !name.equals("messages")) {
        out.set(name, field.getValue());
      }
    });
    return new RenderedPrompt(out, endpoint, resolved);
  }

  /**
   * The model address: the call's model, else the prompt's; through the prompt's virtual key ({@code @slug/model})
   * unless the call's model names its own ({@code @...}).
   */
  private static String address(PromptDefinition definition, JsonNode callModel) {
    if (callModel != null && !callModel.isNull() && (!callModel.isTextual() || callModel.asText().isBlank())) {
      throw GatewayException.badRequest("model: " + callModel + " (expected: a model id, or no model to use the "
          + "prompt's)", "model");
    }
    String model = callModel != null && callModel.isTextual() ? callModel.asText() : definition.model();
    if (model == null) {
      throw GatewayException.badRequest("model: missing (expected: a model in the prompt or in the body)", "model");
    }
    if (definition.virtualKey() == null || model.startsWith("@")) {
      return model;
    }
    return "@" + definition.virtualKey() + "/" + model;
  }

  private static String execute(Mustache.Compiler compiler, String source, Object context) {
    Template template = compiler.compile(source);
    try {
      return template.execute(context);
    } catch (MustacheException.Context e) {
      throw GatewayException.badRequest("variables." + e.key + ": missing (expected: a value for {{" + e.key
          + "}}, used on line " + e.lineNo + " of the template, or a default in variables_schema)",
          "variables." + e.key);
    } catch (MustacheException e) {
      throw GatewayException.badRequest("template: cannot be rendered (" + e.getMessage() + ")", "template");
    }
  }

  /** Loads every partial a source uses, depth first; a partial reached again on its own path is a cycle. */
  private static void collectPartials(String source, Function<String, Optional<PromptTemplate>> partials,
      Map<String, String> found, List<String> path) {
    Matcher m = PARTIAL.matcher(source);
    while (m.find()) {
      String slug = m.group(1);
      if (path.contains(slug)) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(slug), path.size()));
        cycle.add(slug);
        throw GatewayException.badRequest("template: partials form a cycle " + String.join(" → ", cycle)
            + " (expected: partials that do not include themselves)", "template");
      }
      if (found.containsKey(slug)) {
        continue;
      }
      PromptTemplate template = partials.apply(slug).orElseThrow(() -> GatewayException.badRequest(
          "template: partial {{> " + slug + "}} names no prompt of this workspace (expected: the slug of a prompt)",
          "template"));
      String text = String.join("\n", template.sources());
      path.add(slug);
      collectPartials(text, partials, found, path);
      path.removeLast();
      found.put(slug, text);
    }
  }
}
