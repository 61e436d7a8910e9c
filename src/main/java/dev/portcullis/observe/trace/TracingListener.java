package dev.portcullis.observe.trace;

import dev.portcullis.observe.AttemptOutcome;
import dev.portcullis.observe.AttemptView;
import dev.portcullis.observe.CallView;
import dev.portcullis.observe.RequestListener;
import dev.portcullis.observe.RequestRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;

/**
 * Traces every call: a server span from arrival to the last byte, joining the client's trace when it sends a W3C
 * {@code traceparent}, and under it one client span per provider attempt (retries and fallbacks each have theirs),
 * whose context goes to the provider as its {@code traceparent}. Attributes follow the GenAI semantic conventions;
 * usage lands on the server span. Bodies appear only when a policy's {@code log_content} kept them on the log row.
 */
final class TracingListener implements RequestListener {

  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("portcullis.request_id");
  static final AttributeKey<String> TRACE_ID = AttributeKey.stringKey("portcullis.trace_id");
  static final AttributeKey<String> WORKSPACE = AttributeKey.stringKey("portcullis.workspace_id");
  static final AttributeKey<String> CACHE_STATUS = AttributeKey.stringKey("portcullis.cache_status");
  static final AttributeKey<Double> COST = AttributeKey.doubleKey("portcullis.cost_usd");
  static final AttributeKey<Long> RETRIES = AttributeKey.longKey("portcullis.retry_attempt_count");
  static final AttributeKey<Long> ATTEMPT_INDEX = AttributeKey.longKey("portcullis.attempt.index");
  static final AttributeKey<String> ATTEMPT_OPTION = AttributeKey.stringKey("portcullis.attempt.option");
  static final AttributeKey<String> REQUEST_BODY = AttributeKey.stringKey("portcullis.request.body");
  static final AttributeKey<String> RESPONSE_BODY = AttributeKey.stringKey("portcullis.response.body");

  private static final CallView.AttachmentKey<CallSpans> SPANS = new CallView.AttachmentKey<>("trace spans");

  private static final TextMapGetter<CallView> CLIENT_HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(CallView call) {
      return List.of("traceparent", "tracestate");
    }

    @Override
    public String get(CallView call, String key) {
      return call == null ? null : call.header(key);
    }
  };

  private static final TextMapSetter<AttemptView> ATTEMPT_HEADERS = (attempt, name, value) -> {
    if (attempt != null) {
      attempt.putHeader(name, value);
    }
  };

  private final Tracer tracer;
  private final CallTraceIds ids;

  TracingListener(Tracer tracer, CallTraceIds ids) {
    this.tracer = tracer;
    this.ids = ids;
  }

  @Override
  public void started(CallView call) {
    Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), call, CLIENT_HEADERS);
    SpanBuilder builder = tracer.spanBuilder(call.method() + " " + call.path()).setSpanKind(SpanKind.SERVER)
        .setParent(parent)
        .setAttribute(METHOD, call.method())
        .setAttribute(PATH, call.path())
        .setAttribute(REQUEST_ID, call.requestId())
        .setAttribute(TRACE_ID, call.traceId());
    String operation = GenAiNames.operation(call.path());
    if (operation != null) {
      builder.setAttribute(OPERATION, operation);
    }
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      ids.startingWith(call.traceId());
    }
    call.attach(SPANS, new CallSpans(builder.startSpan()));
  }

  @Override
  public void attemptStarted(CallView call, AttemptView attempt) {
    CallSpans spans = call.attachment(SPANS);
    if (spans == null) {
      return;
    }
    String operation = GenAiNames.operation(call.path());
    SpanBuilder builder = tracer.spanBuilder((operation == null ? call.method() : operation)
        + (attempt.model() == null ? "" : " " + attempt.model()))
        .setSpanKind(SpanKind.CLIENT)
        .setParent(spans.serverContext)
        .setAttribute(ATTEMPT_INDEX, (long) attempt.index());
    setIfPresent(builder, OPERATION, operation);
    setIfPresent(builder, PROVIDER, GenAiNames.provider(attempt.provider()));
    setIfPresent(builder, REQUEST_MODEL, attempt.model());
    setIfPresent(builder, ATTEMPT_OPTION, attempt.option());
    Span span = builder.startSpan();
    spans.attempt = span;
    spans.attemptIndex = attempt.index();
    W3CTraceContextPropagator.getInstance().inject(spans.serverContext.with(span), attempt, ATTEMPT_HEADERS);
  }

  @Override
  public void attemptEnded(CallView call, AttemptView attempt, AttemptOutcome outcome) {
    CallSpans spans = call.attachment(SPANS);
    if (spans == null || spans.attempt == null || spans.attemptIndex != attempt.index()) {
      return;
    }
    Span span = spans.attempt;
    spans.attempt = null;
    if (outcome.status() > 0) {
      span.setAttribute(STATUS, outcome.status());
    }
    if (!outcome.succeeded()) {
      span.setAttribute(ERROR_TYPE, outcome.errorType() != null ? outcome.errorType()
          : Integer.toString(outcome.status()));
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  @Override
  public void ended(CallView call, RequestRecord record) {
    CallSpans spans = call.attachment(SPANS);
    if (spans == null) {
      return;
    }
    if (spans.attempt != null) {
      spans.attempt.end();
    }
    Span span = spans.server;
    span.setAttribute(STATUS, record.status());
    setIfPresent(span, WORKSPACE, record.workspaceId());
    setIfPresent(span, REQUEST_MODEL, call.requestedModel());
    setIfPresent(span, PROVIDER, GenAiNames.provider(record.provider()));
    setIfPresent(span, RESPONSE_MODEL, record.model());
    setIfPresent(span, CACHE_STATUS, record.cacheStatus());
    setIfPresent(span, REQUEST_BODY, record.requestBody());
    setIfPresent(span, RESPONSE_BODY, record.responseBody());
    if (record.promptTokens() != null) {
      span.setAttribute(INPUT_TOKENS, record.promptTokens());
    }
    if (record.completionTokens() != null) {
      span.setAttribute(OUTPUT_TOKENS, record.completionTokens());
    }
    if (record.costUsd() != null) {
      span.setAttribute(COST, record.costUsd().doubleValue());
    }
    if (!record.attempts().isEmpty()) {
      span.setAttribute(RETRIES, record.retries());
    }
    if (record.errorType() != null) {
      span.setAttribute(ERROR_TYPE, record.errorType());
    }
    if (record.status() >= 500) {
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  private static void setIfPresent(SpanBuilder builder, AttributeKey<String> key, String value) {
    if (value != null) {
      builder.setAttribute(key, value);
    }
  }

  private static void setIfPresent(Span span, AttributeKey<String> key, String value) {
    if (value != null) {
      span.setAttribute(key, value);
    }
  }

  @Override
  public String toString() {
    return "TracingListener";
  }
}
