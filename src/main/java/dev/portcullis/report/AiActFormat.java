package dev.portcullis.report;

import dev.portcullis.error.GatewayException;

/** The forms an AI Act document comes in, with the content type each is served as. */
public enum AiActFormat {
  MD("md", "text/markdown; charset=utf-8"),
  PDF("pdf", "application/pdf"),
  JSON("json", "application/json");

  private final String wireName;
  private final String contentType;

  AiActFormat(String wireName, String contentType) {
    this.wireName = wireName;
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /** The format named, Markdown when none is. */
  public static AiActFormat parse(String text) {
    if (text == null || text.isEmpty()) {
      return MD;
    }
    for (AiActFormat f : values()) {
      if (f.wireName.equals(text)) {
        return f;
      }
    }
    throw GatewayException.badRequest("format: '" + text + "' (expected: md, pdf or json)", "format");
  }

  /** The document in this format. */
  public byte[] render(AiActFacts facts) {
    return switch (this) {
      case MD -> AiActReport.markdown(facts).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      case PDF -> AiActReport.pdf(facts);
      case JSON -> AiActReport.json(facts).toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    };
  }
}
