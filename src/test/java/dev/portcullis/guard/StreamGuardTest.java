package dev.portcullis.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ChatChunk;
import dev.portcullis.model.ChunkChoice;
import dev.portcullis.model.Delta;
import dev.portcullis.model.FinishReason;
import dev.portcullis.model.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Output guardrails on streams: redaction across chunk boundaries, deny mid-stream, verdicts at the end. */
class StreamGuardTest {

  private static final String SECRET = "AKIAIOSFODNN7EXAMPLE";
  private static final String EMAIL = "ada.lovelace@example.com";
  private static final String TEXT = "Your key is " + SECRET + " and write to " + EMAIL + " today.";
  private static final String REDACTED = "Your key is [AWS_ACCESS_KEY_1] and write to [EMAIL_1] today.";

  private static Guardrail redacting() {
    return new Guardrail("redact", List.of(
        new ConfiguredCheck("portcullis.pii", new PiiCheck(List.of("email"), true), null, false),
        new ConfiguredCheck("portcullis.secrets", new SecretsCheck(true), null, false)), false);
  }

  private static ChatChunk chunk(String content, FinishReason finish) {
    return new ChatChunk("c1", "m", 1, List.of(new ChunkChoice(0, new Delta(null, content, null, null, List.of()),
        finish, null)), null, null, null, Map.of());
  }

  private static String stream(List<Guardrail> guardrails, List<String> pieces, GuardState state) {
    StreamGuard guard = new StreamGuard(guardrails, state, "m", Map.of());
    StringBuilder out = new StringBuilder();
    for (String piece : pieces) {
      String sent = guard.chunk(chunk(piece, null)).choices().getFirst().delta().content();
      out.append(sent == null ? "" : sent);
    }
    String last = guard.chunk(chunk(null, FinishReason.STOP)).choices().getFirst().delta().content();
    out.append(last == null ? "" : last);
    for (ChatChunk c : guard.end()) {
      out.append(c.choices().getFirst().delta().content());
    }
    return out.toString();
  }

  /** Every way of cutting TEXT into {@code parts} pieces at the given cut points, enumerated exhaustively. */
  private static void everyCut(int parts, int from, List<Integer> cuts, List<List<String>> out) {
    if (cuts.size() == parts - 1) {
      List<String> pieces = new ArrayList<>();
      int at = 0;
      for (int cut : cuts) {
        pieces.add(TEXT.substring(at, cut));
        at = cut;
      }
      pieces.add(TEXT.substring(at));
      out.add(pieces);
      return;
    }
    for (int cut = from; cut < TEXT.length(); cut++) {
      cuts.add(cut);
      everyCut(parts, cut + 1, cuts, out);
      cuts.removeLast();
    }
  }

  @Test
  void aSecretAndAnEmailSplitAtEveryCutIntoTwoOrThreeChunksAreRedacted() {
    for (int parts : new int[] {2, 3}) {
      List<List<String>> splits = new ArrayList<>();
      everyCut(parts, 1, new ArrayList<>(), splits);
      for (List<String> pieces : splits) {
        assertThat(stream(List.of(redacting()), pieces, new GuardState())).as("%s", pieces).isEqualTo(REDACTED);
      }
    }
  }

  @Test
  void aSecretAndAnEmailSplitIntoTenChunksAtEveryCutAreRedacted() {
    for (int shift = 0; shift < TEXT.length(); shift++) {
      for (int size = 1; size <= 9; size++) {
        List<String> pieces = new ArrayList<>();
        int at = 0;
        int first = Math.min(shift, TEXT.length());
        if (first > 0) {
          pieces.add(TEXT.substring(0, first));
          at = first;
        }
        while (at < TEXT.length() && pieces.size() < 9) {
          int end = Math.min(TEXT.length(), at + size);
          pieces.add(TEXT.substring(at, end));
          at = end;
        }
        if (at < TEXT.length()) {
          pieces.add(TEXT.substring(at));
        }
        assertThat(stream(List.of(redacting()), pieces, new GuardState())).as("%s", pieces).isEqualTo(REDACTED);
      }
    }
  }

  @Test
  void aSecretSplitAcrossToolCallArgumentFragmentsIsRedacted() {
    StreamGuard guard = new StreamGuard(List.of(redacting()), new GuardState(), "m", Map.of());
    StringBuilder args = new StringBuilder();
    String json = "{\"key\": \"" + SECRET + "\"}";
    for (int i = 0; i < json.length(); i += 3) {
      ChatChunk c = new ChatChunk("c1", "m", 1, List.of(new ChunkChoice(0, new Delta(null, null, null, null,
          List.of(new ToolCallDelta(0, i == 0 ? "call_1" : null, i == 0 ? "f" : null,
              json.substring(i, Math.min(json.length(), i + 3))))), null, null)), null, null, null, Map.of());
      guard.chunk(c).choices().getFirst().delta().toolCalls().forEach(t -> args.append(t.argumentsFragment()));
    }
    ChatChunk finish = guard.chunk(chunk(null, FinishReason.TOOL_CALLS));
    finish.choices().getFirst().delta().toolCalls().forEach(t -> args.append(t.argumentsFragment()));
    assertThat(args.toString()).isEqualTo("{\"key\": \"[AWS_ACCESS_KEY_1]\"}");
  }

  @Test
  void textFlowsBeforeTheStreamEnds() {
    StreamGuard guard = new StreamGuard(List.of(redacting()), new GuardState(), "m", Map.of());
    String early = guard.chunk(chunk("word ".repeat(40), null)).choices().getFirst().delta().content();
    assertThat(early).startsWith("word word word");
  }

  @Test
  void aDenyGuardrailStopsTheStreamBeforeTheFindingIsSent() {
    Guardrail deny = new Guardrail("no-keys", List.of(
        new ConfiguredCheck("portcullis.secrets", new SecretsCheck(false), null, false)), true);
    GuardState state = new GuardState();
    StreamGuard guard = new StreamGuard(List.of(deny), state, "m", Map.of());
    StringBuilder sent = new StringBuilder();
    GatewayException.GuardrailDenied denied = catchThrowableOfType(GatewayException.GuardrailDenied.class, () -> {
      for (String piece : List.of("Your key is AKIAIOSF", "ODNN7EXAMPLE and more text follows here to push ",
          "the window along and along and along and along.")) {
        sent.append(guard.chunk(chunk(piece, null)).choices().getFirst().delta().content());
      }
    });
    assertThat(denied).isNotNull();
    assertThat(sent.toString()).doesNotContain("AKIA");
    assertThat(denied.hookResults().toString()).contains("\"verdict\":false", "found 1 AWS_ACCESS_KEY")
        .doesNotContain(SECRET);
    assertThat(state.verdict()).isEqualTo("denied");
  }

  @Test
  void aFlagFoundInTheStreamIsRecordedWhenItEnds() {
    Guardrail flag = new Guardrail("short", List.of(new ConfiguredCheck("default.wordCount",
        new WordCountCheck(new CountRange("words", 0, 3)), null, false)), false);
    GuardState state = new GuardState();
    assertThat(stream(List.of(flag), List.of("one two ", "three four"), state)).isEqualTo("one two three four");
    assertThat(state.verdict()).isEqualTo("flagged");
    assertThat(state.answerStatus()).isEqualTo(246);
  }
}
