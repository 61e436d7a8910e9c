package example;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

public final class Gateway {

  static OpenAIClient client() {
    return OpenAIOkHttpClient.builder()
        .baseUrl("https://api.portkey.ai/v1")
        .apiKey("unused")
        .putHeader("x-portkey-api-key", System.getenv("PORTKEY_API_KEY"))
        .putHeader("x-portkey-config", "pc-java-cfg-01")
        .build();
  }
}
