package dev.portcullis.migrate.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code portcullis import portkey-config FILE...}: Portkey config JSON files as saved configs. A file's id is its
 * name without {@code .json} when that is a Portkey id ({@code pc-fallback-1a2b3c.json}), else {@code pc-} and its
 * name; so importing the same file again updates the same config.
 */
public final class PortkeyConfigFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PortkeyConfigFiles() {}

  public static void run(ImportTarget target, String workspaceId, List<Path> files) {
    for (Path file : files) {
      String body;
      try {
        body = JSON.writeValueAsString(JSON.readTree(Files.readString(file)));
      } catch (IOException e) {
        target.report().unmapped(file.toString(), "not imported: not a readable JSON file (" + e.getMessage()
            + ")");
        continue;
      }
      target.savedConfig(workspaceId, id(file), name(file), body, file.toString());
    }
  }

  private static String name(Path file) {
    return file.getFileName().toString().replaceFirst("(?i)\\.json$", "");
  }

  static String id(Path file) {
    String stem = name(file).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    return stem.startsWith("pc-") ? stem : "pc-" + stem;
  }
}
