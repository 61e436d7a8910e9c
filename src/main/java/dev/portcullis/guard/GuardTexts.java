package dev.portcullis.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * The texts guardrails read and may rewrite: every text of a request or an answer, some of them belonging to the
 * last message (Portkey's checks read only those).
 */
public interface GuardTexts {

  int size();

  String text(int i);

  /** Replaces text {@code i} (a redaction). */
  void set(int i, String text);

  /** Whether text {@code i} belongs to the last message (input) or is the answer's text (output). */
  boolean inLast(int i);

  /** What the checks read, as it is now (model and metadata are the call's, the same on every call). */
  default GuardSubject subject(String model, java.util.Map<String, String> metadata) {
    List<String> all = new ArrayList<>(size());
    StringBuilder last = new StringBuilder();
    for (int i = 0; i < size(); i++) {
      all.add(text(i));
      if (inLast(i)) {
        last.append(last.isEmpty() ? "" : "\n").append(text(i));
      }
    }
    return new GuardSubject(all, last.toString(), model, metadata);
  }
}
