package dev.portcullis.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings file: its tree, and the line each key stands on ({@code providers.openai.api_key} → 7), so a refusal
 * can point at the line to fix.
 *
 * @param file where it was read from
 * @param tree the top-level map, or null when the file is empty
 * @param lines the line of every map key, by dotted path
 */
record YamlFile(Path file, JsonNode tree, Map<String, Integer> lines) {

  private static final YAMLFactory YAML = new YAMLFactory();

  static YamlFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file " + file + ": not found (expected: a readable YAML file)");
    }
    try {
      JsonNode node = new ObjectMapper(YAML).readTree(file.toFile());
      if (node != null && !node.isNull() && !node.isObject() && !node.isMissingNode()) {
        throw new ConfigException("config file " + file + ": top level is " + node.getNodeType()
            + " (expected: a map of settings)");
      }
      return new YamlFile(file, node == null || !node.isObject() ? null : node, keyLines(file));
    } catch (IOException e) {
      throw new ConfigException("config file " + file + ": not valid YAML: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /** Where {@code path} (e.g. {@code routing.retrys}) stands, as {@code " at line 12 of FILE"}, or empty. */
  String at(String path) {
    Integer line = lines.get(path);
    return line == null ? " in " + file : " at line " + line + " of " + file;
  }

  private static Map<String, Integer> keyLines(Path file) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    Deque<String> containers = new ArrayDeque<>();
    String field = null;
    try (JsonParser p = YAML.createParser(file.toFile())) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case FIELD_NAME -> {
            String prefix = containers.isEmpty() ? "" : containers.peek();
            field = prefix.isEmpty() ? p.currentName() : prefix + "." + p.currentName();
            lines.putIfAbsent(field, p.currentTokenLocation().getLineNr());
          }
          case START_OBJECT, START_ARRAY -> {
            containers.push(field != null ? field : containers.isEmpty() ? "" : containers.peek() + "[]");
            field = null;
          }
          case END_OBJECT, END_ARRAY -> {
            containers.pop();
            field = null;
          }
          default -> field = null;
        }
      }
    }
    return lines;
  }
}
