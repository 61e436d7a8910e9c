package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.model.Tool;
import dev.portcullis.model.ToolChoice;
import java.util.List;
import java.util.Map;

/**
 * OpenAI {@code tools} as one Gemini tool holding every {@code functionDeclarations} entry (parameters filtered to
 * Gemini's schema subset), and {@code tool_choice} as {@code toolConfig.functionCallingConfig}.
 */
final class GeminiToolsEncoder {

  /** OpenAI tool-choice modes to Gemini function-calling modes. */
  private static final Map<ToolChoice.Mode, String> MODES =
      Map.of(ToolChoice.Mode.AUTO, "AUTO", ToolChoice.Mode.NONE, "NONE", ToolChoice.Mode.REQUIRED, "ANY");

  private GeminiToolsEncoder() {}

  /** The {@code tools} array. {@link Tool#strict()} has no Gemini counterpart and is left out. */
  static ArrayNode tools(List<Tool> tools) {
    ArrayNode declarations = GeminiJson.MAPPER.createArrayNode();
    for (int i = 0; i < tools.size(); i++) {
      Tool tool = tools.get(i);
      ObjectNode declaration = declarations.addObject().put("name", tool.name());
      if (tool.description() != null) {
        declaration.put("description", tool.description());
      }
      ObjectNode parameters =
          GeminiSchemaFilter.parameters(tool.parameters(), "tools[" + i + "].function.parameters");
      if (parameters != null) {
        declaration.set("parameters", parameters);
      }
    }
    ArrayNode out = GeminiJson.MAPPER.createArrayNode();
    out.addObject().set("functionDeclarations", declarations);
    return out;
  }

  /** The {@code toolConfig} object: a mode, or {@code ANY} limited to the one named function. */
  static ObjectNode toolConfig(ToolChoice choice) {
    ObjectNode config = GeminiJson.object();
    ObjectNode calling = config.putObject("functionCallingConfig");
    switch (choice) {
      case ToolChoice.Mode mode -> calling.put("mode", MODES.get(mode));
      case ToolChoice.Function(String name) -> calling.put("mode", "ANY").putArray("allowedFunctionNames").add(name);
    }
    return config;
  }
}
