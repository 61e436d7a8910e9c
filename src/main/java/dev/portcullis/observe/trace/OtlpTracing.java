package dev.portcullis.observe.trace;

import dev.portcullis.observe.RequestListener;
import dev.portcullis.time.GatewayClock;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.TimeUnit;

/**
 * Traces exported to an OpenTelemetry collector over OTLP/HTTP (protobuf), with the JDK's HTTP client: spans are
 * queued when they end and sent in batches by the SDK's own thread, never on an event loop. Made only when
 * {@code PORTCULLIS_OTLP_ENDPOINT} is set; without it nothing of OpenTelemetry runs.
 */
public final class OtlpTracing implements AutoCloseable {

  /** Appended to the collector's base URL, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} has it. */
  public static final String TRACES_PATH = "/v1/traces";

  private final SdkTracerProvider provider;
  private final RequestListener listener;
  private final String endpoint;

  private OtlpTracing(SdkTracerProvider provider, RequestListener listener, String endpoint) {
    this.provider = provider;
    this.listener = listener;
    this.endpoint = endpoint;
  }

  /**
   * Starts exporting to the collector at {@code baseUrl} (for example {@code http://127.0.0.1:4318}).
   *
   * @param clock the clock spans take their times from
   */
  public static OtlpTracing start(String baseUrl, GatewayClock clock) {
    String endpoint = (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + TRACES_PATH;
    CallTraceIds ids = new CallTraceIds();
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setClock(new TraceClock(clock))
        .setIdGenerator(ids)
        .setResource(Resource.getDefault().merge(Resource.builder()
            .put(AttributeKey.stringKey("service.name"), "portcullis").build()))
        .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build())
            .build())
        .build();
    return new OtlpTracing(provider, new TracingListener(provider.get("dev.portcullis"), ids), endpoint);
  }

  /** Hears every call and traces it. */
  public RequestListener listener() {
    return listener;
  }

  /** Sends what is queued and stops (at most 10 s). */
  @Override
  public void close() {
    provider.shutdown().join(10, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "OtlpTracing[" + endpoint + "]";
  }
}
