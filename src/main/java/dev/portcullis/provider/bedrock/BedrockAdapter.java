package dev.portcullis.provider.bedrock;

import dev.portcullis.wire.Dialect;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.EndpointCodec;
import dev.portcullis.provider.ProviderAdapter;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.Optional;

/**
 * AWS Bedrock runtime: chat through the Converse API (its binary event stream for streams), embeddings through
 * InvokeModel (Titan and Cohere bodies), every request signed with SigV4 for service {@code bedrock} in the
 * target's region, or sent with a Bedrock API key as a bearer token. No client dialect goes to Bedrock unchanged.
 * Assuming an IAM role ({@code aws_role_arn}) is not supported: such calls are refused with a 400.
 */
public final class BedrockAdapter implements ProviderAdapter {

  /** The header naming the exception of an error answer. */
  static final String ERROR_TYPE_HEADER = "x-amzn-errortype";
  private static final String SIGNING_NAME = "bedrock";

  private final AwsRequestSigner signer;
  private final ChatCodec chat;
  private final EndpointCodec embeddings = new BedrockEmbeddingCodec();

  /**
   * @param clock the time signatures are made at and answers are stamped with
   */
  public BedrockAdapter(Clock clock) {
    this.signer = new AwsRequestSigner(SIGNING_NAME, clock);
    this.chat = new BedrockChatCodec(clock);
  }

  @Override
  public boolean speaks(Dialect dialect) {
    return false;
  }

  @Override
  public ChatCodec chat(Target target) {
    return chat;
  }

  @Override
  public Optional<EndpointCodec> endpoint(String endpoint, Target target) {
    return "/embeddings".equals(endpoint) ? Optional.of(embeddings) : Optional.empty();
  }

  /**
   * Signs the final request with the target's key pair, or sets its Bedrock API key; fails with a 400 naming a
   * missing field, or {@code aws_role_arn}.
   */
  @Override
  public Future<WireRequest> authorize(WireRequest request, Target target) {
    try {
      return Future.succeededFuture(switch (BedrockCredentials.of(target)) {
        case BedrockCredentials.KeyPair pair -> signer.sign(request, pair.identity(), pair.region());
        case BedrockCredentials.ApiKey key -> {
          request.headers().set("Authorization", "Bearer " + key.key());
          yield request;
        }
      });
    } catch (GatewayException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public GatewayException.UpstreamError error(int status, MultiMap headers, Buffer body, Target target) {
    return BedrockErrorReader.read(status, headers.get(ERROR_TYPE_HEADER), body.getBytes(),
        BedrockCredentials.secrets(target));
  }
}
