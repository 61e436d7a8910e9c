package dev.portcullis.ui;

import io.vertx.core.Future;
import java.util.Map;

/** Configs: the saved routing configs, and an editor that validates as you type with the gateway's own parser. */
final class ConfigsPage implements Page {

  @Override
  public String title() {
    return "Configs";
  }

  @Override
  public Future<String> render(PageCall call) {
    return call.admin().get("/admin/v1/configs").map(configs -> call.render("configs",
        Map.of("configs", configs.path("data"))));
  }
}
