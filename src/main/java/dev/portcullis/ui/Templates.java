package dev.portcullis.ui;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.HashMap;
import java.util.Map;

/** The dashboard's jte templates, compiled at build time (src/main/jte); every value they print is HTML-escaped. */
final class Templates {

  /** The templates compile into this package (jte-maven-plugin's packageName), next to the types they show. */
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, null,
      Templates.class.getPackageName());

  String render(String name, PageFrame frame, Map<String, Object> params) {
    Map<String, Object> all = new HashMap<>(params);
    all.put("frame", frame);
    StringOutput out = new StringOutput();
    engine.render(name + ".jte", all, out);
    return out.toString();
  }
}
