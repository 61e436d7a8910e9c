package dev.portcullis.guard;

import dev.portcullis.model.ChatResponse;
import dev.portcullis.model.Choice;
import dev.portcullis.model.ContentPart;
import dev.portcullis.model.Message;
import dev.portcullis.model.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The texts of a whole answer: each choice's text and refusal, and each tool call's arguments; the first choice's
 * text is what Portkey's checks read. {@link #response()} rebuilds the answer with any redaction applied.
 */
public final class AnswerTexts implements GuardTexts {

  private enum Kind { CONTENT, REFUSAL, ARGUMENTS }

  private record Slot(int choice, Kind kind, int index) {}

  private final ChatResponse original;
  private final List<Slot> slots = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();
  private boolean changed;
  private GuardSubject subject;

  public AnswerTexts(ChatResponse response) {
    this.original = response;
    for (int c = 0; c < response.choices().size(); c++) {
      Message m = response.choices().get(c).message();
      add(new Slot(c, Kind.CONTENT, 0), m.text());
      add(new Slot(c, Kind.REFUSAL, 0), m.refusal());
      for (int t = 0; t < m.toolCalls().size(); t++) {
        add(new Slot(c, Kind.ARGUMENTS, t), m.toolCalls().get(t).arguments());
      }
    }
  }

  private void add(Slot slot, String text) {
    if (text != null) {
      slots.add(slot);
      texts.add(text);
    }
  }

  @Override
  public int size() {
    return slots.size();
  }

  @Override
  public String text(int i) {
    return texts.get(i);
  }

  @Override
  public void set(int i, String text) {
    texts.set(i, text);
    changed = true;
    subject = null;
  }

  /** What the checks read, built once and again only after a redaction. */
  @Override
  public GuardSubject subject(String model, Map<String, String> metadata) {
    if (subject == null) {
      subject = GuardTexts.super.subject(model, metadata);
    }
    return subject;
  }

  @Override
  public boolean inLast(int i) {
    return slots.get(i).choice() == 0 && slots.get(i).kind() == Kind.CONTENT;
  }

  /** The answer with the texts as they are now. */
  public ChatResponse response() {
    if (!changed) {
      return original;
    }
    List<Choice> choices = new ArrayList<>(original.choices());
    for (int i = 0; i < slots.size(); i++) {
      Slot s = slots.get(i);
      Choice ch = choices.get(s.choice());
      Message m = ch.message();
      Message changedMessage = switch (s.kind()) {
        case CONTENT -> new Message(m.role(), List.of(new ContentPart.Text(texts.get(i))), Message.ContentForm.STRING,
            m.name(), m.toolCalls(), m.toolCallId(), m.reasoningContent(), m.refusal(), m.extra());
        case REFUSAL -> new Message(m.role(), m.content(), m.contentForm(), m.name(), m.toolCalls(), m.toolCallId(),
            m.reasoningContent(), texts.get(i), m.extra());
        case ARGUMENTS -> {
          List<ToolCall> calls = new ArrayList<>(m.toolCalls());
          ToolCall call = calls.get(s.index());
          calls.set(s.index(), new ToolCall(call.id(), call.name(), texts.get(i)));
          yield new Message(m.role(), m.content(), m.contentForm(), m.name(), calls, m.toolCallId(),
              m.reasoningContent(), m.refusal(), m.extra());
        }
      };
      choices.set(s.choice(), new Choice(ch.index(), changedMessage, ch.finishReason(), ch.logprobs()));
    }
    return new ChatResponse(original.id(), original.model(), original.created(), choices, original.usage(),
        original.systemFingerprint(), original.serviceTier(), original.extra());
  }

  @Override
  public String toString() {
    return "AnswerTexts[" + slots.size() + " texts" + (changed ? ", changed" : "") + "]";
  }
}
