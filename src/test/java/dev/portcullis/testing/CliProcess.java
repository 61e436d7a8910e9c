package dev.portcullis.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real command line in a process of its own, run from the test classpath with only the environment a test gives
 * it: for what only another process shows (what a user sees on the terminal, a change made by the CLI while a gateway
 * runs).
 */
public final class CliProcess {

  private static final long TIMEOUT_SECONDS = 120;

  private CliProcess() {}

  /** How a run ended: its exit status and everything it printed, standard output and error together. */
  public record Run(int exit, String output) {
    public List<String> lines() {
      return output.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  /** Runs {@code portcullis <args>} in {@code dir}, with PATH and HOME and {@code env} as its whole environment. */
  public static Run run(Path dir, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED",
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath(), "dev.portcullis.Portcullis"));
    command.addAll(Arrays.asList(args));
    Path output = dir.resolve("cli-output-" + System.nanoTime() + ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    for (String name : List.of("PATH", "HOME")) {
      if (System.getenv(name) != null) {
        builder.environment().put(name, System.getenv(name));
      }
    }
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("portcullis " + String.join(" ", args) + " ran longer than " + TIMEOUT_SECONDS
            + " s:\n" + Files.readString(output, StandardCharsets.UTF_8));
      }
      return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The JDK running the tests. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The test classpath without the test classes: the CLI and gateway as they ship, with their libraries. */
  public static String classpath() {
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(path.split(File.pathSeparator)).filter(e -> !e.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
