package dev.portcullis.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chat completion request in provider-neutral form. Optional fields are null when the client did not set them;
 * lists and maps are empty instead.
 *
 * @param model the model as the client addressed it
 * @param messages the conversation, never empty
 * @param tools functions the model may call
 * @param toolChoice whether and which tool must be called, or null
 * @param responseFormat the required answer shape, or null
 * @param temperature sampling temperature, or null
 * @param topP nucleus sampling mass, or null
 * @param maxTokens the cap on generated tokens and the field that set it, or null
 * @param stop sequences that end generation
 * @param n how many choices to generate, or null
 * @param stream whether the answer is streamed
 * @param includeUsage whether a stream ends with a usage chunk
 * @param seed sampling seed, or null
 * @param presencePenalty presence penalty, or null
 * @param frequencyPenalty frequency penalty, or null
 * @param logitBias token id to bias
 * @param logprobs whether to return log probabilities, or null
 * @param topLogprobs how many top tokens to return per position, or null
 * @param user the end user's id, or null
 * @param parallelToolCalls whether several tool calls may come in one turn, or null
 * @param reasoningEffort effort hint for reasoning models (e.g. {@code low}, {@code high}), or null
 * @param metadata the client's string tags for the request
 * @param extra top-level fields the model does not know, kept as received and in order so re-encoding loses nothing
 */
public record ChatRequest(
    String model,
    List<Message> messages,
    List<Tool> tools,
    ToolChoice toolChoice,
    ResponseFormat responseFormat,
    Double temperature,
    Double topP,
    MaxTokens maxTokens,
    List<String> stop,
    Integer n,
    boolean stream,
    boolean includeUsage,
    Long seed,
    Double presencePenalty,
    Double frequencyPenalty,
    Map<String, Integer> logitBias,
    Boolean logprobs,
    Integer topLogprobs,
    String user,
    Boolean parallelToolCalls,
    String reasoningEffort,
    Map<String, String> metadata,
    Map<String, JsonNode> extra) {

  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
    tools = List.copyOf(tools);
    stop = List.copyOf(stop);
    logitBias = ordered(logitBias);
    metadata = ordered(metadata);
    extra = ordered(extra);
  }

  /** Starts a request for {@code model} over {@code messages}; every other field starts unset. */
  public static Builder builder(String model, List<Message> messages) {
    return new Builder(model, messages);
  }

  /** A builder holding every field of this request, for a copy that changes a few. */
  public Builder toBuilder() {
    return new Builder(model, messages).tools(tools).toolChoice(toolChoice).responseFormat(responseFormat)
        .temperature(temperature).topP(topP).maxTokens(maxTokens).stop(stop).n(n).stream(stream)
        .includeUsage(includeUsage).seed(seed).presencePenalty(presencePenalty).frequencyPenalty(frequencyPenalty)
        .logitBias(logitBias).logprobs(logprobs).topLogprobs(topLogprobs).user(user)
        .parallelToolCalls(parallelToolCalls).reasoningEffort(reasoningEffort).metadata(metadata).extra(extra);
  }

  private static <V> Map<String, V> ordered(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Collects the optional fields of a {@link ChatRequest}. */
  public static final class Builder {
    private String model;
    private List<Message> messages;
    private List<Tool> tools = List.of();
    private ToolChoice toolChoice;
    private ResponseFormat responseFormat;
    private Double temperature;
    private Double topP;
    private MaxTokens maxTokens;
    private List<String> stop = List.of();
    private Integer n;
    private boolean stream;
    private boolean includeUsage;
    private Long seed;
    private Double presencePenalty;
    private Double frequencyPenalty;
    private Map<String, Integer> logitBias = Map.of();
    private Boolean logprobs;
    private Integer topLogprobs;
    private String user;
    private Boolean parallelToolCalls;
    private String reasoningEffort;
    private Map<String, String> metadata = Map.of();
    private Map<String, JsonNode> extra = Map.of();

    private Builder(String model, List<Message> messages) {
      this.model = model;
      this.messages = messages;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder messages(List<Message> messages) {
      this.messages = messages;
      return this;
    }

    public Builder tools(List<Tool> tools) {
      this.tools = tools;
      return this;
    }

    public Builder toolChoice(ToolChoice toolChoice) {
      this.toolChoice = toolChoice;
      return this;
    }

    public Builder responseFormat(ResponseFormat responseFormat) {
      this.responseFormat = responseFormat;
      return this;
    }

    public Builder temperature(Double temperature) {
      this.temperature = temperature;
      return this;
    }

    public Builder topP(Double topP) {
      this.topP = topP;
      return this;
    }

    public Builder maxTokens(MaxTokens maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    public Builder stop(List<String> stop) {
      this.stop = stop;
      return this;
    }

    public Builder n(Integer n) {
      this.n = n;
      return this;
    }

    public Builder stream(boolean stream) {
      this.stream = stream;
      return this;
    }

    public Builder includeUsage(boolean includeUsage) {
      this.includeUsage = includeUsage;
      return this;
    }

    public Builder seed(Long seed) {
      this.seed = seed;
      return this;
    }

    public Builder presencePenalty(Double presencePenalty) {
      this.presencePenalty = presencePenalty;
      return this;
    }

    public Builder frequencyPenalty(Double frequencyPenalty) {
      this.frequencyPenalty = frequencyPenalty;
      return this;
    }

    public Builder logitBias(Map<String, Integer> logitBias) {
      this.logitBias = logitBias;
      return this;
    }

    public Builder logprobs(Boolean logprobs) {
      this.logprobs = logprobs;
      return this;
    }

    public Builder topLogprobs(Integer topLogprobs) {
      this.topLogprobs = topLogprobs;
      return this;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder parallelToolCalls(Boolean parallelToolCalls) {
      this.parallelToolCalls = parallelToolCalls;
      return this;
    }

    public Builder reasoningEffort(String reasoningEffort) {
      this.reasoningEffort = reasoningEffort;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata = metadata;
      return this;
    }

    public Builder extra(Map<String, JsonNode> extra) {
      this.extra = extra;
      return this;
    }

    public ChatRequest build() {
      return new ChatRequest(
          model, messages, tools, toolChoice, responseFormat, temperature, topP, maxTokens, stop, n, stream,
          includeUsage, seed, presencePenalty, frequencyPenalty, logitBias, logprobs, topLogprobs, user,
          parallelToolCalls, reasoningEffort, metadata, extra);
    }
  }
}
