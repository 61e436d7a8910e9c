package dev.portcullis.model;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Why a choice stopped, in OpenAI's vocabulary. The five known reasons are constants; a provider's reason that
 * maps to none of them is kept verbatim with {@link #of(String)}, so nothing is silently renamed.
 *
 * @param value the reason as it appears on the OpenAI wire, e.g. {@code tool_calls}
 */
public record FinishReason(String value) {

  /** The model finished its answer or hit a stop sequence. */
  public static final FinishReason STOP = new FinishReason("stop");
  /** The token cap or the context window was reached. */
  public static final FinishReason LENGTH = new FinishReason("length");
  /** The model called one or more tools. */
  public static final FinishReason TOOL_CALLS = new FinishReason("tool_calls");
  /** Content was withheld by a content filter. */
  public static final FinishReason CONTENT_FILTER = new FinishReason("content_filter");
  /** The model called a function through the deprecated {@code functions} API. */
  public static final FinishReason FUNCTION_CALL = new FinishReason("function_call");

  private static final Map<String, FinishReason> KNOWN =
      Stream.of(STOP, LENGTH, TOOL_CALLS, CONTENT_FILTER, FUNCTION_CALL)
          .collect(Collectors.toUnmodifiableMap(FinishReason::value, Function.identity()));

  public FinishReason {
    Objects.requireNonNull(value, "value");
  }

  /** The constant for a known reason, else a reason that keeps {@code value} as given. */
  public static FinishReason of(String value) {
    FinishReason known = KNOWN.get(value);
    return known != null ? known : new FinishReason(value);
  }
}
