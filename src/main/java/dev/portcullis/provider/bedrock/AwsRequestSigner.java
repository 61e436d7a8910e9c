package dev.portcullis.provider.bedrock;

import dev.portcullis.provider.WireRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs a request with AWS Signature Version 4 over its final method, URL, headers and body, using the AWS SDK's
 * signer at the injected clock's time, and adds the headers the signature consists of: {@code Authorization},
 * {@code X-Amz-Date}, {@code x-amz-content-sha256} and, for temporary credentials, {@code X-Amz-Security-Token}.
 * Signing is computation only (HMACs and a SHA-256 of the body), safe on the event loop.
 */
final class AwsRequestSigner {

  /** The headers the signer adds that travel with the request ({@code Host} is the HTTP client's to set). */
  private static final List<String> SIGNATURE_HEADERS =
      List.of("Authorization", "X-Amz-Date", "x-amz-content-sha256", "X-Amz-Security-Token");
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private final String service;
  private final Clock clock;

  /**
   * @param service the signing name of the AWS service, {@code bedrock} for Bedrock runtime
   */
  AwsRequestSigner(String service, Clock clock) {
    this.service = service;
    this.clock = clock;
  }

  /** Adds the signature headers to {@code request} and returns it. */
  WireRequest sign(WireRequest request, AwsCredentialsIdentity identity, String region) {
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.fromValue(request.method().name()))
        .uri(request.url());
    for (Map.Entry<String, String> header : request.headers()) {
      unsigned.appendHeader(header.getKey(), header.getValue());
    }
    byte[] body = request.body().getBytes();
    SignedRequest signed = SIGNER.sign(r -> r
        .identity(identity)
        .request(unsigned.build())
        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    for (String name : SIGNATURE_HEADERS) {
      signed.request().firstMatchingHeader(name).ifPresent(value -> request.headers().set(name, value));
    }
    return request;
  }
}
