package dev.portcullis.provider.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.wire.Dialect;
import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.ChatCodec;
import dev.portcullis.provider.ProviderAdapter;
import dev.portcullis.provider.StatusErrorType;
import dev.portcullis.provider.UpstreamErrorReader;
import dev.portcullis.provider.WireRequest;
import dev.portcullis.provider.Target;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.URI;

/**
 * Azure OpenAI ({@code https://<resource_name>.openai.azure.com/openai}): OpenAI bodies pass through unchanged;
 * only the URL (deployment path and {@code api-version}, see {@link AzureUrl}) and the credential differ. The key
 * goes in {@code api-key}, or, when the target has an {@code azure_ad_token}, a Microsoft Entra ID token goes in
 * {@code Authorization: Bearer}. Errors are OpenAI's shape; Azure often leaves out their {@code type}, which is
 * then the one the status stands for, and keeps codes such as {@code content_filter}.
 */
public final class AzureOpenAiAdapter implements ProviderAdapter {

  private static final String PROVIDER = "azure-openai";
  private static final String API_KEY = "api-key";
  private static final String ENTRA_TOKEN = "azure_ad_token";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChatCodec chat = new AzureChatCodec();

  @Override
  public boolean speaks(Dialect dialect) {
    return dialect == Dialect.OPENAI;
  }

  @Override
  public URI url(Target target, String endpoint, String query) {
    return AzureUrl.of(target, endpoint, query);
  }

  @Override
  public ChatCodec chat(Target target) {
    return chat;
  }

  @Override
  public Future<WireRequest> authorize(WireRequest request, Target target) {
    String token = target.field(ENTRA_TOKEN);
    if (token != null && !token.isBlank()) {
      request.headers().remove(API_KEY).set("Authorization", "Bearer " + token);
    } else if (target.credential() != null) {
      request.headers().set(API_KEY, target.credential());
    } else {
      return Future.failedFuture(GatewayException.badRequest("api_key: missing (expected: an Azure OpenAI key, or "
          + ENTRA_TOKEN + " with a Microsoft Entra ID token, e.g. the x-portkey-azure-ad-token header)", "api_key"));
    }
    return Future.succeededFuture(request);
  }

  @Override
  public GatewayException.UpstreamError error(int status, MultiMap headers, Buffer body, Target target) {
    GatewayException.UpstreamError read = UpstreamErrorReader.read(PROVIDER, status, body, target.credential());
    if (namesType(body)) {
      return read;
    }
    return new GatewayException.UpstreamError(status, StatusErrorType.of(status), read.getMessage(), read.param(),
        read.code());
  }

  private static boolean namesType(Buffer body) {
    try {
      JsonNode root = JSON.readTree(body.getBytes());
      JsonNode type = root == null ? null : root.path("error").path("type");
      return type != null && type.isTextual() && !type.textValue().isEmpty();
    } catch (IOException notJson) {
      return false;
    }
  }
}
