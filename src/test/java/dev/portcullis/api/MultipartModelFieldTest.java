package dev.portcullis.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class MultipartModelFieldTest {

  private static final String TYPE = "multipart/form-data; boundary=XyZ";
  private static final String BODY = "--XyZ\r\n"
      + "Content-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n"
      + "Content-Type: audio/mpeg\r\n\r\n"
      + "ID3\u0001\u0002binary\r\n"
      + "--XyZ\r\n"
      + "Content-Disposition: form-data; name=\"model\"\r\n\r\n"
      + "@speech/whisper-1\r\n"
      + "--XyZ--\r\n";

  @Test
  void findsTheModelField() {
    assertThat(MultipartModelField.inspect(Buffer.buffer(BODY), TYPE).model()).isEqualTo("@speech/whisper-1");
  }

  @Test
  void patchesOnlyTheModelValue() {
    InboundBody b = MultipartModelField.inspect(Buffer.buffer(BODY), TYPE);
    assertThat(b.withModel("whisper-1").toString()).isEqualTo(BODY.replace("@speech/whisper-1", "whisper-1"));
  }

  @Test
  void aFileNamedModelIsNotTheModelField() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"model\"\r\n\r\n"
        + "@evil/x\r\n--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--XyZ--\r\n";
    assertThat(MultipartModelField.inspect(Buffer.buffer(body), TYPE).model()).isEqualTo("whisper-1");
  }

  @Test
  void aPartNamedModelThatIsAFileIsNotTheModelField() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"model\"; filename=\"m.bin\"\r\n\r\n"
        + "@evil/x\r\n--XyZ--\r\n";
    assertThat(MultipartModelField.inspect(Buffer.buffer(body), TYPE).model()).isNull();
  }

  @Test
  void partHeadersInsideAnUploadAreNotTheModelField() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n"
        + "Content-Disposition: form-data; name=\"model\"\r\n\r\n@evil/x\r\n--XyZ--\r\n";
    assertThat(MultipartModelField.inspect(Buffer.buffer(body), TYPE).model()).isNull();
  }

  @Test
  void bodyWithoutModelFieldIsOpaque() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--XyZ--\r\n";
    assertThat(MultipartModelField.inspect(Buffer.buffer(body), TYPE).model()).isNull();
  }
}
