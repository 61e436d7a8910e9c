package dev.portcullis.routing.config;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake upstream: each target (by path) answers from its script in order, repeating the last answer; a target
 * without a script succeeds. Every call is remembered as {@code path#attempt}.
 */
final class ScriptedCall implements TargetCall {

  private final Map<String, Deque<AttemptResult>> scripts = new HashMap<>();
  private final List<String> calls = new ArrayList<>();

  ScriptedCall answer(String path, AttemptResult... results) {
    scripts.put(path, new ArrayDeque<>(List.of(results)));
    return this;
  }

  ScriptedCall fail(String path, int status) {
    return answer(path, AttemptResult.failure(status, null));
  }

  @Override
  public Future<AttemptResult> call(TargetNode target, int attempt) {
    calls.add(target.path() + "#" + attempt);
    Deque<AttemptResult> script = scripts.get(target.path());
    if (script == null) {
      return Future.succeededFuture(AttemptResult.success(target.path()));
    }
    return Future.succeededFuture(script.size() > 1 ? script.poll() : script.peek());
  }

  List<String> calls() {
    return calls;
  }
}
