package dev.portcullis.ui;

import io.vertx.core.Future;

/** A dashboard page: reads what it shows through the admin API and renders it. */
interface Page {

  /** The navigation entry it belongs to and its title. */
  String title();

  Future<String> render(PageCall call);
}
