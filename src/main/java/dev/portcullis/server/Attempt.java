package dev.portcullis.server;

import dev.portcullis.observe.AttemptView;
import dev.portcullis.provider.Target;
import io.vertx.core.MultiMap;

/** One provider attempt of a call, as listeners see it; its target is known once resolved. */
final class Attempt implements AttemptView {

  private final int index;
  private final String option;
  private final String targetKey;
  private Target target;
  private MultiMap headers;
  /** Whether the listeners heard it start. */
  boolean announced;
  /** Whether the request left for the provider (a failure before that says nothing about the provider). */
  boolean sent;

  Attempt(int index, String option, String targetKey) {
    this.index = index;
    this.option = option;
    this.targetKey = targetKey;
  }

  void target(Target target) {
    this.target = target;
  }

  /** Headers listeners added, or null. */
  MultiMap headers() {
    return headers;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public String option() {
    return option;
  }

  @Override
  public String provider() {
    return target == null ? null : target.provider().id();
  }

  @Override
  public String model() {
    return target == null ? null : target.model();
  }

  @Override
  public String virtualKey() {
    return target == null ? null : target.virtualKey();
  }

  @Override
  public String targetKey() {
    return targetKey;
  }

  @Override
  public void putHeader(String name, String value) {
    if (headers == null) {
      headers = MultiMap.caseInsensitiveMultiMap();
    }
    headers.set(name, value);
  }

  @Override
  public String toString() {
    return "Attempt[" + index + " " + (option == null ? "" : option + " ") + target + "]";
  }
}
