package dev.portcullis.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites one file's Portkey usage for Portcullis: the Portkey base URL, the SDKs' {@code PORTKEY_GATEWAY_URL},
 * client constructors without a base URL and, when asked, the API key's environment variable. Applied to its own
 * output it changes nothing, so a second {@code migrate portkey} has nothing to do.
 */
final class PortkeyRewriter {

  static final String PORTKEY_URL = "https://api.portkey.ai/v1";
  private static final Pattern PORTKEY_URL_USE = Pattern.compile(Pattern.quote(PORTKEY_URL) + "(?![\\w-])");
  private static final Pattern API_KEY_VARIABLE = Pattern.compile("\\bPORTKEY_API_KEY\\b");

  /** A file's new text and what changed in it. */
  record Result(String text, List<ChangeKind> changes, List<Integer> unchangeableConstructors) {}

  private final MigrationOptions options;

  PortkeyRewriter(MigrationOptions options) {
    this.options = options;
  }

  Result rewrite(SourceKind kind, String text) {
    List<ChangeKind> changes = new ArrayList<>();
    List<Integer> unchangeable = new ArrayList<>();
    String out = text;
    if (kind.isCode()) {
      String replaced = GatewayUrlConstant.replace(kind, out, options.gatewayUrl());
      if (!replaced.equals(out)) {
        changes.add(ChangeKind.GATEWAY_URL_CONSTANT);
        out = replaced;
      }
    }
    out = replaceAll(PORTKEY_URL_USE, out, options.gatewayUrl(), ChangeKind.BASE_URL, changes);
    List<Integer> offsets = new ArrayList<>();
    String beforeConstructors = out;
    out = ConstructorBaseUrl.add(kind, out, options.gatewayUrl(),
        () -> changes.add(ChangeKind.CONSTRUCTOR_BASE_URL), offsets::add);
    offsets.forEach(o -> unchangeable.add(UsageScanner.lineOf(beforeConstructors, o)));
    if (options.renameEnv()) {
      out = replaceAll(API_KEY_VARIABLE, out, "PORTCULLIS_API_KEY", ChangeKind.ENV_RENAME, changes);
    }
    return new Result(out, List.copyOf(changes), List.copyOf(unchangeable));
  }

  private static String replaceAll(Pattern pattern, String text, String replacement, ChangeKind kind,
      List<ChangeKind> changes) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      changes.add(kind);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
