package dev.portcullis.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.provider.WireRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signatures checked against the worked examples of AWS's "Signature Calculations for the Authorization Header"
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html): same credentials, time and
 * request, same signature.
 */
class AwsRequestSignerTest {

  private static final Clock EXAMPLE_TIME = Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC);
  private static final AwsCredentialsIdentity EXAMPLE_KEYS =
      AwsCredentialsIdentity.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

  @Test
  void signsAwsDocumentedGetObjectExample() {
    WireRequest request = request(HttpMethod.GET, "https://examplebucket.s3.amazonaws.com/test.txt", "",
        "Range", "bytes=0-9");

    new AwsRequestSigner("s3", EXAMPLE_TIME).sign(request, EXAMPLE_KEYS, "us-east-1");

    assertThat(request.headers().get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 "
        + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    assertThat(request.headers().get("X-Amz-Date")).isEqualTo("20130524T000000Z");
    assertThat(request.headers().get("x-amz-content-sha256"))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void signsAwsDocumentedPutObjectExampleOverItsBody() {
    WireRequest request = request(HttpMethod.PUT, "https://examplebucket.s3.amazonaws.com/test$file.text",
        "Welcome to Amazon S3.", "Date", "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class", "REDUCED_REDUNDANCY");

    new AwsRequestSigner("s3", EXAMPLE_TIME).sign(request, EXAMPLE_KEYS, "us-east-1");

    assertThat(request.headers().get("x-amz-content-sha256"))
        .isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    assertThat(request.headers().get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 "
        + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        + "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, "
        + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  }

  @Test
  void bedrockSignatureScopesTheRegionAndServiceAndSignsTheSessionToken() {
    WireRequest request = request(HttpMethod.POST,
        "https://bedrock-runtime.eu-west-1.amazonaws.com/model/amazon.nova-lite-v1%3A0/converse", "{}",
        "content-type", "application/json");

    new AwsRequestSigner("bedrock", EXAMPLE_TIME).sign(request,
        AwsSessionCredentialsIdentity.create("AKIAIOSFODNN7EXAMPLE", "secret", "session-token-1"), "eu-west-1");

    assertThat(request.headers().get("X-Amz-Security-Token")).isEqualTo("session-token-1");
    assertThat(request.headers().get("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/eu-west-1/bedrock/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=");
    assertThat(request.headers().get("Host")).as("left to the HTTP client").isNull();
  }

  @Test
  void aDifferentBodyGivesADifferentSignature() {
    AwsRequestSigner signer = new AwsRequestSigner("bedrock", EXAMPLE_TIME);
    String url = "https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse";
    WireRequest one = signer.sign(request(HttpMethod.POST, url, "{\"a\":1}"), EXAMPLE_KEYS, "us-east-1");
    WireRequest two = signer.sign(request(HttpMethod.POST, url, "{\"a\":2}"), EXAMPLE_KEYS, "us-east-1");

    assertThat(one.headers().get("Authorization")).isNotEqualTo(two.headers().get("Authorization"));
  }

  private static WireRequest request(HttpMethod method, String url, String body, String... headers) {
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headers.length; i += 2) {
      map.add(headers[i], headers[i + 1]);
    }
    return new WireRequest(method, URI.create(url), map, Buffer.buffer(body), List.of());
  }
}
