package dev.portcullis.docs;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell example of README.md and docs/ runs, page by page in the documented order, against a fresh gateway and
 * the mock upstream, and answers with the status and the shape its page shows. Breaking an example breaks the build.
 * How pages are written for it: docs/doc-tests.md.
 */
class DocsIT {

  private static DocHarness harness;

  @BeforeAll
  static void start(@TempDir Path dir) {
    harness = DocHarness.start(dir);
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyShellExampleRunsInPageOrder() {
    Path root = Path.of("").toAbsolutePath();
    return DocPage.files(root).stream().map(file -> dynamicTest(root.relativize(file).toString(),
        () -> harness.run(DocPage.read(root, file))));
  }
}
