package dev.portcullis.provider.azure;

import dev.portcullis.provider.CredentialCheck;
import dev.portcullis.provider.CredentialField;
import dev.portcullis.provider.ProviderSpec;
import java.util.List;
import java.util.Map;

/**
 * Azure OpenAI: a resource, a deployment and an API version, reached with an {@code api-key} (or an Entra token
 * given per request).
 */
public final class AzureOpenAiProvider {

  public static final ProviderSpec SPEC = new ProviderSpec("azure-openai",
      "https://{resource_name}.openai.azure.com/openai", "api-key", "", true,
      List.of(
          CredentialField.secret(CredentialField.API_KEY, true),
          CredentialField.setting("resource_name", true, "[A-Za-z0-9][A-Za-z0-9-]{1,63}",
              "the Azure OpenAI resource name, e.g. my-openai"),
          CredentialField.setting("deployment_id", true, "[A-Za-z0-9._-]{1,64}",
              "the deployment name, e.g. gpt-4o-prod"),
          CredentialField.setting("api_version", true, "\\d{4}-\\d{2}-\\d{2}(-preview)?|v1",
              "an API version such as 2024-10-21")),
      Map.of("azure-resource-name", "resource_name", "azure-deployment-id", "deployment_id",
          "azure-api-version", "api_version", "azure-ad-token", "azure_ad_token"),
      CredentialCheck.NONE, (vertx, clock) -> new AzureOpenAiAdapter(), false);

  private AzureOpenAiProvider() {}
}
