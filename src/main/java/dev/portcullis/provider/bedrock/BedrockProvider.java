package dev.portcullis.provider.bedrock;

import dev.portcullis.error.GatewayException;
import dev.portcullis.provider.CredentialField;
import dev.portcullis.provider.ProviderSpec;
import java.util.List;
import java.util.Map;

/** AWS Bedrock's Converse API, in a region, signed with an access key pair (SigV4) or a Bedrock API key. */
public final class BedrockProvider {

  public static final ProviderSpec SPEC = new ProviderSpec("bedrock",
      "https://bedrock-runtime.{aws_region}.amazonaws.com", "Authorization", "", false,
      List.of(
          CredentialField.secret(BedrockCredentials.ACCESS_KEY_ID, false),
          CredentialField.secret(BedrockCredentials.SECRET_ACCESS_KEY, false),
          CredentialField.secret(BedrockCredentials.SESSION_TOKEN, false),
          CredentialField.setting(BedrockCredentials.REGION, true, "[a-z]{2}(-[a-z]+)+-\\d",
              "an AWS region such as us-east-1"),
          CredentialField.setting(BedrockCredentials.ROLE_ARN, false, "arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+",
              "an IAM role ARN such as arn:aws:iam::123456789012:role/bedrock"),
          CredentialField.setting("aws_external_id", false, null, "the external id the role's trust policy asks for")),
      Map.of("aws-access-key-id", BedrockCredentials.ACCESS_KEY_ID,
          "aws-secret-access-key", BedrockCredentials.SECRET_ACCESS_KEY,
          "aws-session-token", BedrockCredentials.SESSION_TOKEN,
          "aws-region", BedrockCredentials.REGION,
          "aws-role-arn", BedrockCredentials.ROLE_ARN,
          "aws-external-id", "aws_external_id"),
      BedrockProvider::checkKeyPairOrRole, (vertx, clock) -> new BedrockAdapter(clock), false);

  private BedrockProvider() {}

  /** AWS needs both halves of a key pair, or a role for the gateway's own identity to assume. */
  private static void checkKeyPairOrRole(Map<String, String> values) {
    boolean id = present(values, BedrockCredentials.ACCESS_KEY_ID);
    boolean secret = present(values, BedrockCredentials.SECRET_ACCESS_KEY);
    if (id != secret) {
      String missing = id ? BedrockCredentials.SECRET_ACCESS_KEY : BedrockCredentials.ACCESS_KEY_ID;
      throw GatewayException.badRequest(missing + ": missing (expected: aws_access_key_id and "
          + "aws_secret_access_key together)", missing);
    }
    if (!id && !present(values, BedrockCredentials.ROLE_ARN)) {
      throw GatewayException.badRequest("aws_access_key_id: missing (expected: an access key pair, or aws_role_arn "
          + "for a role the gateway's own AWS identity assumes)", "aws_access_key_id");
    }
  }

  private static boolean present(Map<String, String> values, String name) {
    String v = values.get(name);
    return v != null && !v.isBlank();
  }
}
