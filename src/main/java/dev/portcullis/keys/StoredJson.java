package dev.portcullis.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON text columns of the key tables: string maps (metadata, settings, secret fields) and string lists. */
final class StoredJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private StoredJson() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value instanceof Map<?, ?> map ? new TreeMap<>(map) : value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string map or list did not serialize", e);
    }
  }

  static Map<String, String> map(String text) {
    try {
      return text == null ? Map.of() : MAPPER.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not a string map: " + e.getOriginalMessage(), e);
    }
  }

  static List<String> list(String text) {
    try {
      return MAPPER.readValue(text, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not a string list: " + e.getOriginalMessage(), e);
    }
  }
}
