package dev.portcullis.provider.anthropic;

import dev.portcullis.wire.Dialect;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ProviderAdapter;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.time.Clock;

/**
 * Anthropic's own API: Anthropic-format bodies ({@code /v1/messages} clients) pass through; OpenAI chat is
 * translated by {@link AnthropicChatCodec}. Calls carry the key in {@code x-api-key}, the API version in
 * {@code anthropic-version} and beta features in {@code anthropic-beta}. Errors keep their own shape's status,
 * type and message: {@code {"type":"error","error":{"type","message"}}} is what the default reader reads.
 */
public final class AnthropicAdapter implements ProviderAdapter {

  /** The API version sent when neither the target nor the client names one. */
  private static final String DEFAULT_VERSION = "2023-06-01";
  /** Target fields (from a virtual key, {@code x-portkey-anthropic-*} headers or a config target). */
  private static final String VERSION_FIELD = "anthropic_version";
  private static final String BETA_FIELD = "anthropic_beta";

  private static final String API_KEY_HEADER = "x-api-key";
  private static final String VERSION_HEADER = "anthropic-version";
  private static final String BETA_HEADER = "anthropic-beta";

  private final ChatCodec chat;

  /** @param clock the time answers are stamped with ({@code created}) */
  public AnthropicAdapter(Clock clock) {
    this.chat = AnthropicChatCodec.direct(clock);
  }

  @Override
  public boolean speaks(Dialect dialect) {
    return dialect == Dialect.ANTHROPIC;
  }

  @Override
  public ChatCodec chat(Target target) {
    return chat;
  }

  /**
   * The key in {@code x-api-key}; the target's version, else the client's (passthrough), else the default; the
   * target's beta features added to any the client asked for.
   */
  @Override
  public Future<WireRequest> authorize(WireRequest request, Target target) {
    MultiMap headers = request.headers();
    if (target.credential() != null) {
      headers.set(API_KEY_HEADER, target.credential());
    }
    String version = target.field(VERSION_FIELD);
    if (version != null && !version.isBlank()) {
      headers.set(VERSION_HEADER, version);
    } else if (!headers.contains(VERSION_HEADER)) {
      headers.set(VERSION_HEADER, DEFAULT_VERSION);
    }
    String beta = target.field(BETA_FIELD);
    if (beta != null && !beta.isBlank()) {
      String asked = headers.get(BETA_HEADER);
      headers.set(BETA_HEADER, asked == null || asked.isBlank() ? beta : asked + "," + beta);
    }
    return Future.succeededFuture(request);
  }
}
