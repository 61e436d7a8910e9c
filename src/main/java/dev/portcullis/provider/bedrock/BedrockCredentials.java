package dev.portcullis.provider.bedrock;

import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.Target;
import java.util.Locale;
import java.util.stream.Stream;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * How one call to Bedrock is authenticated, read from the target's credential fields: an AWS access key pair (with a
 * session token for temporary credentials) signed with SigV4, or a Bedrock API key sent as a bearer token.
 */
sealed interface BedrockCredentials {

  String ACCESS_KEY_ID = "aws_access_key_id";
  String SECRET_ACCESS_KEY = "aws_secret_access_key";
  String SESSION_TOKEN = "aws_session_token";
  String REGION = "aws_region";
  String ROLE_ARN = "aws_role_arn";

  /** An access key pair, signed for {@code region}. */
  record KeyPair(AwsCredentialsIdentity identity, String region) implements BedrockCredentials {}

  /** A Bedrock API key ({@code Authorization: Bearer}). */
  record ApiKey(String key) implements BedrockCredentials {}

  /**
   * The target's credentials: the key pair when one is given, else the target's API key.
   *
   * @throws GatewayException.BadRequest naming the missing field, or {@code aws_role_arn}, which is not supported
   */
  static BedrockCredentials of(Target target) {
    String roleArn = target.field(ROLE_ARN);
    if (present(roleArn)) {
      throw GatewayException.badRequest(ROLE_ARN + ": assuming an IAM role is not supported yet (expected: "
          + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + " of the identity that calls Bedrock, with "
          + SESSION_TOKEN + " for temporary credentials)", ROLE_ARN);
    }
    String keyId = target.field(ACCESS_KEY_ID);
    String secret = target.field(SECRET_ACCESS_KEY);
    if (!present(keyId) && !present(secret) && present(target.credential())) {
      return new ApiKey(target.credential());
    }
    require(keyId, ACCESS_KEY_ID, "an AWS access key id, with " + SECRET_ACCESS_KEY + " (or a Bedrock API key)");
    require(secret, SECRET_ACCESS_KEY, "the secret of " + ACCESS_KEY_ID);
    String region = target.field(REGION);
    require(region, REGION, "the AWS region the call is signed for, e.g. us-east-1");
    String token = target.field(SESSION_TOKEN);
    AwsCredentialsIdentity identity = present(token)
        ? AwsSessionCredentialsIdentity.create(keyId, secret, token)
        : AwsCredentialsIdentity.create(keyId, secret);
    return new KeyPair(identity, region);
  }

  /** Every credential value of the target, to remove from text that comes back from Bedrock. */
  static String[] secrets(Target target) {
    return Stream.of(target.credential(), target.field(SECRET_ACCESS_KEY), target.field(SESSION_TOKEN),
        target.field(ACCESS_KEY_ID)).filter(BedrockCredentials::present).toArray(String[]::new);
  }

  private static void require(String value, String field, String expected) {
    if (!present(value)) {
      throw GatewayException.badRequest(field + ": missing (expected: " + expected + ", from a virtual key, an "
          + "x-portkey-" + field.replace('_', '-') + " header or PORTCULLIS_PROVIDER_BEDROCK_"
          + field.toUpperCase(Locale.ROOT) + ")", field);
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
