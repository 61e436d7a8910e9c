package dev.portcullis.mock;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the most recent requests, shared by every event loop of one mock upstream. Requests are kept as received
 * (the server never changes a request's headers or body afterwards) and copied into {@link RecordedRequest}s only
 * when someone asks, which keeps recording cheap on the request path.
 */
final class RequestRecorder {

  static final int CAPACITY = 1000;

  private record Received(String method, String path, String query, MultiMap headers, Buffer body) {

    RecordedRequest toRecorded() {
      Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.forEach(h -> copy.computeIfAbsent(h.getKey(), k -> new ArrayList<>(1)).add(h.getValue()));
      copy.replaceAll((name, values) -> List.copyOf(values));
      return new RecordedRequest(method, path, query, Collections.unmodifiableMap(copy), body.getBytes());
    }
  }

  private final boolean enabled;
  private final ArrayDeque<Received> recent = new ArrayDeque<>();

  RequestRecorder(boolean enabled) {
    this.enabled = enabled;
  }

  void record(HttpServerRequest request, Buffer body) {
    if (!enabled) {
      return;
    }
    String query = request.query();
    Received received = new Received(
        request.method().name(), request.path(), query == null ? "" : query, request.headers(), body);
    synchronized (recent) {
      if (recent.size() == CAPACITY) {
        recent.removeFirst();
      }
      recent.addLast(received);
    }
  }

  List<RecordedRequest> snapshot() {
    List<Received> copy;
    synchronized (recent) {
      copy = List.copyOf(recent);
    }
    return copy.stream().map(Received::toRecorded).toList();
  }

  void clear() {
    synchronized (recent) {
      recent.clear();
    }
  }
}
