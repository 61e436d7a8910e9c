package dev.portcullis.migrate;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the SDKs' {@code PORTKEY_GATEWAY_URL} by the gateway URL: the name leaves its import (the import goes when
 * nothing else is left in it) and each use becomes the URL as a string. A file that defines the name itself is left
 * alone here: its definition holds the Portkey URL, which {@link PortkeyRewriter} rewrites.
 */
final class GatewayUrlConstant {

  static final String NAME = "PORTKEY_GATEWAY_URL";
  private static final Pattern USE = Pattern.compile("\\b" + NAME + "\\b");
  private static final Pattern PYTHON_IMPORT = Pattern.compile(
      "(?m)^([ \\t]*from[ \\t]+portkey_ai(?:\\.\\w+)*[ \\t]+import[ \\t]+)\\(?([^()\\n]*\\b" + NAME
          + "\\b[^()\\n]*?)\\)?[ \\t]*(\\r?\\n|$)");
  private static final Pattern SCRIPT_IMPORT = Pattern.compile(
      "(?m)^([ \\t]*import[ \\t]+)([^;\\n]*?)\\{([^}]*\\b" + NAME + "\\b[^}]*)}([ \\t]*from[ \\t]*(['\"])portkey-ai"
          + "(?:/[^'\"]*)?\\5;?)[ \\t]*(\\r?\\n|$)");
  private static final Pattern SCRIPT_REQUIRE = Pattern.compile(
      "(?m)^([ \\t]*(?:const|let|var)[ \\t]+)\\{([^}]*\\b" + NAME + "\\b[^}]*)}([ \\t]*=[ \\t]*require\\((['\"])"
          + "portkey-ai\\4\\);?)[ \\t]*(\\r?\\n|$)");
  private static final Pattern JAVA_IMPORT = Pattern.compile(
      "(?m)^[ \\t]*import[ \\t]+static[ \\t]+[\\w.]+\\." + NAME + "[ \\t]*;[ \\t]*(\\r?\\n|$)");

  private GatewayUrlConstant() {}

  /** The text with the constant replaced, or the same text when it imports no such constant. */
  static String replace(SourceKind kind, String text, String gatewayUrl) {
    String withoutImport = switch (kind) {
      case PYTHON -> pythonImport(text);
      case SCRIPT -> scriptImport(text);
      case JAVA -> JAVA_IMPORT.matcher(text).replaceFirst("");
      default -> text;
    };
    if (withoutImport.equals(text)) {
      return text;
    }
    String literal = (kind == SourceKind.SCRIPT ? "'" + gatewayUrl + "'" : "\"" + gatewayUrl + "\"");
    return USE.matcher(withoutImport).replaceAll(Matcher.quoteReplacement(literal));
  }

  private static String pythonImport(String text) {
    Matcher m = PYTHON_IMPORT.matcher(text);
    if (!m.find()) {
      return text;
    }
    List<String> rest = others(m.group(2));
    String replacement = rest.isEmpty() ? "" : m.group(1) + String.join(", ", rest) + m.group(3);
    return text.substring(0, m.start()) + replacement + text.substring(m.end());
  }

  private static String scriptImport(String text) {
    Matcher m = SCRIPT_IMPORT.matcher(text);
    if (m.find()) {
      List<String> rest = others(m.group(3));
      String defaultImport = m.group(2).strip().replaceAll(",$", "").strip();
      String replacement;
      if (rest.isEmpty() && defaultImport.isEmpty()) {
        replacement = "";
      } else if (rest.isEmpty()) {
        replacement = m.group(1) + defaultImport + m.group(4) + m.group(6);
      } else {
        replacement = m.group(1) + m.group(2) + "{ " + String.join(", ", rest) + " }" + m.group(4) + m.group(6);
      }
      return text.substring(0, m.start()) + replacement + text.substring(m.end());
    }
    Matcher r = SCRIPT_REQUIRE.matcher(text);
    if (r.find()) {
      List<String> rest = others(r.group(2));
      String replacement = rest.isEmpty() ? ""
          : r.group(1) + "{ " + String.join(", ", rest) + " }" + r.group(3) + r.group(5);
      return text.substring(0, r.start()) + replacement + text.substring(r.end());
    }
    return text;
  }

  private static List<String> others(String names) {
    return Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty() && !n.equals(NAME)).toList();
  }
}
