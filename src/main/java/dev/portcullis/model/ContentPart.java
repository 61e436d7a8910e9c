package dev.portcullis.model;

import java.util.Objects;
import java.util.Optional;

/** One piece of a message's content: text, an image, audio or a file. */
public sealed interface ContentPart permits ContentPart.Text, ContentPart.Image, ContentPart.Audio, ContentPart.File {

  /** Plain text. */
  record Text(String text) implements ContentPart {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * An image, given by a remote URL or inline as a base64 data URL.
   *
   * @param url an http(s) URL or a {@code data:} URL
   * @param detail the fidelity asked for ({@code auto}, {@code low}, {@code high}), or null when not said
   */
  record Image(String url, String detail) implements ContentPart {
    public Image {
      Objects.requireNonNull(url, "url");
    }

    /** The inline image when {@code url} is a base64 data URL; empty when it points at a remote image. */
    public Optional<DataUrl> inline() {
      return DataUrl.parse(url);
    }

    @Override
    public String toString() {
      return "Image[" + inline().map(DataUrl::toString).orElse(url) + ", detail=" + detail + "]";
    }
  }

  /**
   * Audio input.
   *
   * @param data base64-encoded audio
   * @param format its encoding, e.g. {@code wav} or {@code mp3}
   */
  record Audio(String data, String format) implements ContentPart {
    public Audio {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(format, "format");
    }

    @Override
    public String toString() {
      return "Audio[" + format + ", " + data.length() + " base64 chars]";
    }
  }

  /**
   * A document, given either by an uploaded file's id or inline.
   *
   * @param fileId id of a previously uploaded file, or null
   * @param fileData the file inline, as a base64 data URL, or null
   * @param filename the file's name, or null
   */
  record File(String fileId, String fileData, String filename) implements ContentPart {
    public File {
      if (fileId == null && fileData == null) {
        throw new IllegalArgumentException("a file part needs a fileId or fileData");
      }
    }

    /** The inline file when {@code fileData} is a base64 data URL; empty otherwise. */
    public Optional<DataUrl> inline() {
      return DataUrl.parse(fileData);
    }

    @Override
    public String toString() {
      String data = fileData == null ? null : inline().map(DataUrl::toString).orElse(fileData.length() + " chars");
      return "File[fileId=" + fileId + ", fileData=" + data + ", filename=" + filename + "]";
    }
  }
}
