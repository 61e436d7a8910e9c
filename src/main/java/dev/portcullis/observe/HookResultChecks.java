package dev.portcullis.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads the checks out of a record's {@code hook_results} ({@code {"before_request_hooks": [{"checks": [{"id",
 * "verdict", ...}]}], ...}}) with the streaming parser, for the metrics; check ids come from the gateway's catalog,
 * so they are few.
 */
final class HookResultChecks {

  private static final JsonFactory JSON = new JsonFactory();

  /** Hears one check of the hook results. */
  interface CheckHandler {
    void check(String id, boolean passed);
  }

  private HookResultChecks() {}

  /** Tells {@code handler} each check's id and whether it passed, in order. */
  static void forEach(String hookResults, CheckHandler handler) {
    try (JsonParser p = JSON.createParser(hookResults)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.START_ARRAY && "checks".equals(p.currentName())) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            readCheck(p, handler);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("hook results are not JSON: " + e.getMessage(), e);
    }
  }

  /** Reads one check object, the parser on its start, and tells the handler when it has an id and a verdict. */
  private static void readCheck(JsonParser p, CheckHandler handler) throws IOException {
    String id = null;
    Boolean passed = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("id") && value == JsonToken.VALUE_STRING) {
        id = p.getText();
      } else if (field.equals("verdict") && value.isBoolean()) {
        passed = value == JsonToken.VALUE_TRUE;
      } else {
        p.skipChildren();
      }
    }
    if (id != null && passed != null) {
      handler.check(id, passed);
    }
  }
}
