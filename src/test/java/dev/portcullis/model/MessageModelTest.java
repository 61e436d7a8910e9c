package dev.portcullis.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageModelTest {

  @Test
  void stringFormHoldsExactlyOneTextPart() {
    assertThatThrownBy(() -> new Message(Role.USER, List.of(), Message.ContentForm.STRING, null, List.of(), null, null,
            null, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Message(Role.USER, List.of(new ContentPart.Image("https://x/y.png", null)),
            Message.ContentForm.STRING, null, List.of(), null, null, null, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void textJoinsTheTextPartsAndSkipsTheRest() {
    Message message = Message.of(Role.USER, List.of(
        new ContentPart.Text("a"), new ContentPart.Image("https://x/y.png", null), new ContentPart.Text("b")));

    assertThat(message.text()).isEqualTo("ab");
    assertThat(Message.of(Role.USER, List.of(new ContentPart.Image("https://x/y.png", null))).text()).isNull();
  }

  @Test
  void messageDoesNotChangeWhenTheListItWasBuiltFromDoes() {
    List<ContentPart> parts = new ArrayList<>(List.of(new ContentPart.Text("a")));
    Message message = Message.of(Role.USER, parts);

    parts.add(new ContentPart.Text("b"));

    assertThat(message.content()).hasSize(1);
    assertThatThrownBy(() -> message.content().add(new ContentPart.Text("c")))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
