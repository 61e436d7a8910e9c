package dev.portcullis.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies a fixture repository from the test resources into a directory, giving back the names git and Maven would
 * not keep in this repository: {@code dot-x} becomes {@code .x}, {@code x.fixture} becomes {@code x} (for
 * {@code node_modules}).
 */
public final class FixtureRepository {

  private FixtureRepository() {}

  public static Path copy(String resource, Path into) {
    try {
      Path source = Path.of(FixtureRepository.class.getResource(resource).toURI());
      List<Path> files;
      try (Stream<Path> walk = Files.walk(source)) {
        files = walk.filter(Files::isRegularFile).toList();
      }
      for (Path file : files) {
        Path target = into;
        for (Path part : source.relativize(file)) {
          target = target.resolve(restored(part.toString()));
        }
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
      return into;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String restored(String name) {
    String out = name.startsWith("dot-") ? "." + name.substring(4) : name;
    return out.endsWith(".fixture") ? out.substring(0, out.length() - ".fixture".length()) : out;
  }
}
