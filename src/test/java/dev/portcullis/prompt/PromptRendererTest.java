package dev.portcullis.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PromptRendererTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Function<String, Optional<PromptTemplate>> NO_PARTIALS = slug -> Optional.empty();

  @Test
  void variablesFillTheMessagesAndTheModelAndParametersFollow() {
    RenderedPrompt r = render("""
        {"template": {"messages": [{"role": "system", "content": "You help {{company}}."},
                                   {"role": "user", "content": "Hello, I am {{name}}"}]},
         "model": "gpt-4o-mini", "parameters": {"temperature": 0.2, "max_tokens": 50}}""",
        """
        {"variables": {"company": "Acme", "name": "Ada"}}""", NO_PARTIALS);

    assertThat(r.endpoint()).isEqualTo("/chat/completions");
    assertThat(r.body()).isEqualTo(json("""
        {"model": "gpt-4o-mini", "messages": [{"role": "system", "content": "You help Acme."},
         {"role": "user", "content": "Hello, I am Ada"}], "temperature": 0.2, "max_tokens": 50}"""));
  }

  @Test
  void sectionsRepeatOverListsAndInvertedSectionsShowWhenAbsent() {
    RenderedPrompt r = render("""
        {"template": {"text": "{{#items}}- {{name}}\\n{{/items}}{{^vip}}standard{{/vip}}{{#vip}}gold{{/vip}}"},
         "model": "gpt-3.5-turbo-instruct"}""",
        """
        {"variables": {"items": [{"name": "tea"}, {"name": "cake"}]}}""", NO_PARTIALS);

    assertThat(r.endpoint()).isEqualTo("/completions");
    assertThat(r.body().get("prompt").asText()).isEqualTo("- tea\n- cake\nstandard");
  }

  @Test
  void valuesAreInsertedAsTheyAreNeverHtmlEscaped() {
    RenderedPrompt r = render(chat("Say {{text}} and {{{text}}}"), """
        {"variables": {"text": "<b>\\"Tom & Jerry's\\"</b>"}}""", NO_PARTIALS);

    assertThat(content(r, 0)).isEqualTo("Say <b>\"Tom & Jerry's\"</b> and <b>\"Tom & Jerry's\"</b>");
  }

  @Test
  void aMissingVariableIsRefusedNamingIt() {
    assertThatThrownBy(() -> render(chat("Hi {{name}}, about {{topic}}"), """
        {"variables": {"name": "Ada"}}""", NO_PARTIALS))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessageStartingWith("variables.topic: missing");
  }

  @Test
  void aSchemaDefaultFillsAMissingVariable() {
    RenderedPrompt r = render("""
        {"template": {"messages": [{"role": "user", "content": "Answer in {{language}}"}]}, "model": "m",
         "variables_schema": {"type": "object", "properties": {"language": {"type": "string", "default": "French"}}}}""",
        "{}", NO_PARTIALS);

    assertThat(content(r, 0)).isEqualTo("Answer in French");
  }

  @Test
  void aVariableFailingTheSchemaIsRefusedNamingIt() {
    assertThatThrownBy(() -> render("""
        {"template": {"messages": [{"role": "user", "content": "{{count}} items"}]}, "model": "m",
         "variables_schema": {"type": "object", "properties": {"count": {"type": "integer", "maximum": 10}}}}""",
        """
        {"variables": {"count": 99}}""", NO_PARTIALS))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessageStartingWith("variables.count: ");
  }

  @Test
  void aPartialRendersAnotherPromptOfTheWorkspace() {
    Map<String, PromptTemplate> library = Map.of("tone", new PromptTemplate.Text("Be brief with {{name}}."));
    RenderedPrompt r = render(chat("{{> tone}} Hello {{name}}"), """
        {"variables": {"name": "Ada"}}""", slug -> Optional.ofNullable(library.get(slug)));

    assertThat(content(r, 0)).isEqualTo("Be brief with Ada. Hello Ada");
  }

  @Test
  void partialsThatIncludeEachOtherAreRefusedAsACycle() {
    Map<String, PromptTemplate> library = Map.of(
        "a", new PromptTemplate.Text("A {{> b}}"),
        "b", new PromptTemplate.Text("B {{> a}}"));

    assertThatThrownBy(() -> render(chat("{{> a}}"), "{}", slug -> Optional.ofNullable(library.get(slug))))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessageContaining("cycle a → b → a");
  }

  @Test
  void aPromptIncludingItselfIsACycle() {
    assertThatThrownBy(() -> render(chat("{{> greeting}}"), "{}", slug -> Optional.of(new PromptTemplate.Text("x"))))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessageContaining("cycle greeting → greeting");
  }

  @Test
  void anUnknownPartialIsRefusedNamingIt() {
    assertThatThrownBy(() -> render(chat("{{> nowhere}}"), "{}", NO_PARTIALS))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessageContaining("{{> nowhere}}");
  }

  @Test
  void bodyParametersOverrideThePromptsAndTheBodysMessagesFollowTheRenderedOnes() {
    RenderedPrompt r = render("""
        {"template": {"messages": [{"role": "system", "content": "sys"}]}, "model": "gpt-4o",
         "parameters": {"temperature": 0.2, "max_tokens": 50}}""",
        """
        {"promptID": "pp-1", "variables": {}, "temperature": 0.9, "stream": true,
         "messages": [{"role": "user", "content": "and this"}]}""", NO_PARTIALS);

    assertThat(r.body()).isEqualTo(json("""
        {"model": "gpt-4o", "messages": [{"role": "system", "content": "sys"}, {"role": "user", "content": "and this"}],
         "temperature": 0.9, "max_tokens": 50, "stream": true}"""));
  }

  @Test
  void theVirtualKeyBecomesTheModelAddressAndABodyModelKeepsIt() {
    String prompt = """
        {"template": {"messages": [{"role": "user", "content": "hi"}]}, "model": "gpt-4o", "virtual_key": "openai-prod"}""";

    assertThat(render(prompt, "{}", NO_PARTIALS).body().get("model").asText()).isEqualTo("@openai-prod/gpt-4o");
    assertThat(render(prompt, """
        {"model": "gpt-4o-mini"}""", NO_PARTIALS).body().get("model").asText()).isEqualTo("@openai-prod/gpt-4o-mini");
  }

  @Test
  void aPromptWithoutAModelNeedsOneInTheBody() {
    String prompt = """
        {"template": {"messages": [{"role": "user", "content": "hi"}]}}""";

    assertThatThrownBy(() -> render(prompt, "{}", NO_PARTIALS)).hasMessageStartingWith("model: missing");
  }

  @Test
  void anInvalidTemplateIsRefusedWhenItIsWritten() {
    assertThatThrownBy(() -> PromptDefinition.parse(json("""
        {"template": {"messages": [{"role": "user", "content": "{{#open}} never closed"}]}}""")))
        .isInstanceOf(GatewayException.BadRequest.class)
        .hasMessageStartingWith("template.messages[0].content: not a valid mustache template");
  }

  private static String chat(String content) {
    return JSON.createObjectNode().<ObjectNode>set("template", JSON.createObjectNode().set("messages",
        JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user").put("content", content))))
        .put("model", "gpt-4o-mini").toString();
  }

  private static String content(RenderedPrompt r, int message) {
    return r.body().get("messages").get(message).get("content").asText();
  }

  private static RenderedPrompt render(String definition, String call,
      Function<String, Optional<PromptTemplate>> partials) {
    Prompt prompt = new Prompt("pp-1", "default", "greeting", "Greeting", 1, PromptDefinition.parse(json(definition)),
        Instant.EPOCH);
    return PromptRenderer.render(new ResolvedPrompt(prompt, null), (ObjectNode) json(call), partials);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
