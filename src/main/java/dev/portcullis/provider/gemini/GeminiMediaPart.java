package dev.portcullis.provider.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.GatewayException;
import dev.portcullis.model.ContentPart;
import dev.portcullis.model.DataUrl;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Images, audio and files as Gemini parts: inline data ({@code data:} URLs, base64 audio) becomes
 * {@code inlineData {mimeType, data}}; a remote file becomes {@code fileData {fileUri, mimeType}}, its media type read
 * from the URL's extension, since Gemini needs it and OpenAI requests do not carry it.
 */
final class GeminiMediaPart {

  /** Image types Gemini reads, by file extension. */
  private static final Map<String, String> IMAGE_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
      "jpeg", "image/jpeg", "webp", "image/webp", "heic", "image/heic", "heif", "image/heif");
  /** OpenAI {@code input_audio.format} values to media types. */
  private static final Map<String, String> AUDIO_TYPES = Map.of("wav", "audio/wav", "mp3", "audio/mp3",
      "aiff", "audio/aiff", "aac", "audio/aac", "ogg", "audio/ogg", "flac", "audio/flac");
  /** Document types by file extension, for files given by URI. */
  private static final Map<String, String> FILE_TYPES = Map.of("pdf", "application/pdf", "txt", "text/plain",
      "html", "text/html", "csv", "text/csv", "md", "text/md");

  private GeminiMediaPart() {}

  /**
   * One non-text content part.
   *
   * @param param the part's request path, e.g. {@code messages[1].content[2]}, named in errors
   * @throws GatewayException.BadRequest when the media type cannot be known or the reference is not one Gemini reads
   */
  static ObjectNode of(ContentPart part, String param) {
    return switch (part) {
      case ContentPart.Image image -> image(image, param + ".image_url.url");
      case ContentPart.Audio audio -> audio(audio, param + ".input_audio.format");
      case ContentPart.File file -> file(file, param + ".file");
      case ContentPart.Text text -> GeminiJson.object().put("text", text.text());
    };
  }

  private static ObjectNode image(ContentPart.Image image, String param) {
    Optional<DataUrl> inline = image.inline();
    if (inline.isPresent()) {
      return inline(inline.get(), param);
    }
    String url = image.url();
    String type = extension(url).map(IMAGE_TYPES::get).orElse(null);
    if (!remote(url) || type == null) {
      throw GatewayException.badRequest(param + ": '" + abbreviated(url) + "' (expected: a base64 data URL, or an "
          + "http(s) or gs:// URL ending in .png, .jpg, .jpeg, .webp, .heic or .heif, so Gemini gets its media type)",
          param);
    }
    return fileData(url, type);
  }

  private static ObjectNode audio(ContentPart.Audio audio, String param) {
    String type = AUDIO_TYPES.get(audio.format().toLowerCase(Locale.ROOT));
    if (type == null) {
      throw GatewayException.badRequest(param + ": '" + audio.format() + "' (expected: wav, mp3, aiff, aac, ogg or "
          + "flac)", param);
    }
    return inlineData(type, audio.data());
  }

  private static ObjectNode file(ContentPart.File file, String param) {
    if (file.fileData() != null) {
      Optional<DataUrl> inline = file.inline();
      if (inline.isEmpty()) {
        throw GatewayException.badRequest(param + ".file_data: not a base64 data URL (expected: "
            + "data:<media type>;base64,<data>)", param + ".file_data");
      }
      return inline(inline.get(), param + ".file_data");
    }
    String uri = file.fileId();
    if (!uri.contains("://")) {
      throw GatewayException.badRequest(param + ".file_id: '" + uri + "' (expected: a Gemini file URI such as "
          + "https://generativelanguage.googleapis.com/v1beta/files/abc123, a gs:// URI, or file_data)",
          param + ".file_id");
    }
    ObjectNode data = GeminiJson.object();
    data.putObject("fileData").put("fileUri", uri);
    extension(file.filename() != null ? file.filename() : uri).map(FILE_TYPES::get)
        .ifPresent(type -> ((ObjectNode) data.get("fileData")).put("mimeType", type));
    return data;
  }

  private static ObjectNode inline(DataUrl data, String param) {
    if (data.mediaType().isEmpty()) {
      throw GatewayException.badRequest(param + ": data URL without a media type (expected: "
          + "data:<media type>;base64,<data>)", param);
    }
    return inlineData(data.mediaType(), data.base64());
  }

  private static ObjectNode inlineData(String mimeType, String base64) {
    ObjectNode part = GeminiJson.object();
    part.putObject("inlineData").put("mimeType", mimeType).put("data", base64);
    return part;
  }

  private static ObjectNode fileData(String uri, String mimeType) {
    ObjectNode part = GeminiJson.object();
    part.putObject("fileData").put("mimeType", mimeType).put("fileUri", uri);
    return part;
  }

  private static boolean remote(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("gs://");
  }

  /** The lower-case extension of a URL's path or a file name, without the query. */
  private static Optional<String> extension(String reference) {
    String path;
    try {
      path = reference.contains("://") ? URI.create(reference).getPath() : reference;
    } catch (IllegalArgumentException notAUri) {
      return Optional.empty();
    }
    if (path == null) {
      return Optional.empty();
    }
    int dot = path.lastIndexOf('.');
    return dot < 0 || dot < path.lastIndexOf('/') ? Optional.empty()
        : Optional.of(path.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static String abbreviated(String url) {
    return url.length() > 120 ? url.substring(0, 120) + "..." : url;
  }
}
