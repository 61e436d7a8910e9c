package dev.portcullis.guard;

import io.vertx.core.Future;

/** Where saved guardrails come from when a config names one by its id. */
@FunctionalInterface
public interface GuardrailSource {

  /**
   * The saved guardrail {@code id} as {@code workspaceId} sees it.
   *
   * @return a failed future with a 400 naming the id when there is none
   */
  Future<Guardrail> find(String workspaceId, String id);
}
