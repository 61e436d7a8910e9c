package dev.portcullis.mock;

import java.util.HashMap;
import java.util.Map;

/** {@code POST /v1/images/generations}: {@code n} images, as URLs or as a base64 1x1 PNG when {@code b64_json} is asked. */
final class ImageResponder implements MockEndpoint {

  /** A transparent 1x1 PNG. */
  private static final String PNG_BASE64 =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

  private static final BodyTemplate BODY = BodyTemplate.compile("{\"created\":{{created}},\"data\":[{{data}}]}");
  private static final BodyTemplate URL_ITEM = BodyTemplate.compile(
      "{\"url\":\"https://mock-upstream.invalid/images/img-{{seq}}-{{index}}.png\",\"revised_prompt\":null}");
  private static final BodyTemplate B64_ITEM = BodyTemplate.compile(
      "{\"b64_json\":\"" + PNG_BASE64 + "\",\"revised_prompt\":null}");

  @Override
  public void answer(MockExchange exchange) {
    RequestFields fields = exchange.fields();
    BodyTemplate item = "b64_json".equals(fields.responseFormat()) ? B64_ITEM : URL_ITEM;
    Map<String, String> values = new HashMap<>();
    values.put("seq", Long.toString(exchange.sequence()));
    values.put("created", Long.toString(exchange.created()));
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < fields.n(); i++) {
      values.put("index", Integer.toString(i));
      data.append(i == 0 ? "" : ",").append(item.render(values));
    }
    values.put("data", data.toString());
    exchange.sendJson(BODY.renderBuffer(values));
  }
}
