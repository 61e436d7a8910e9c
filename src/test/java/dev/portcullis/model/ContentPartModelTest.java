package dev.portcullis.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContentPartModelTest {

  @Test
  void imageGivenAsBase64DataUrlExposesMediaTypeAndData() {
    ContentPart.Image image = new ContentPart.Image("data:image/jpeg;base64,/9j/4AAQSkZJRg==", "low");

    assertThat(image.inline()).contains(new DataUrl("image/jpeg", "/9j/4AAQSkZJRg=="));
  }

  @Test
  void imageGivenByRemoteUrlIsNotInline() {
    assertThat(new ContentPart.Image("https://example.com/cat.png", null).inline()).isEmpty();
  }

  @Test
  void dataUrlThatIsNotBase64IsNotInline() {
    assertThat(DataUrl.parse("data:image/svg+xml,%3Csvg%3E%3C/svg%3E")).isEmpty();
    assertThat(DataUrl.parse("data:text/plain,a;base64,b")).isEmpty();
  }

  @Test
  void mediaTypeParametersAreDroppedAndSchemeCaseIgnored() {
    assertThat(DataUrl.parse("DATA:image/png;name=cat.png;base64,iVBORw0KGgo="))
        .contains(new DataUrl("image/png", "iVBORw0KGgo="));
  }

  @Test
  void dataUrlRebuildsItsUrl() {
    assertThat(new DataUrl("application/pdf", "JVBERi0=").toUrl()).isEqualTo("data:application/pdf;base64,JVBERi0=");
  }

  @Test
  void inlineDataIsAbbreviatedInToString() {
    String base64 = "A".repeat(100_000);

    assertThat(new ContentPart.Image("data:image/png;base64," + base64, null).toString())
        .isEqualTo("Image[DataUrl[image/png, 100000 base64 chars], detail=null]");
    assertThat(new ContentPart.Audio(base64, "wav").toString()).isEqualTo("Audio[wav, 100000 base64 chars]");
  }

  @Test
  void fileNeedsAnIdOrData() {
    assertThatThrownBy(() -> new ContentPart.File(null, null, "a.pdf")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new ContentPart.File(null, "data:application/pdf;base64,JVBERi0=", "a.pdf").inline())
        .contains(new DataUrl("application/pdf", "JVBERi0="));
  }
}
