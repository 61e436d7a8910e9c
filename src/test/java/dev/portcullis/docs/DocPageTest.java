package dev.portcullis.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DocPageTest {

  @Test
  void aBashBlockTakesTheCommentAboveItAndTheJsonBlockAfterIt() {
    DocPage page = DocPage.parse("p.md", """
        # Title

        <!-- doc-test: mock; status 409 -->
        ```bash
        curl localhost:8787/x
        ```

        It answers:

        ```json
        {"error": {"message": "..."}}
        ```
        """);

    assertThat(page.blocks()).hasSize(1);
    DocBlock block = page.blocks().getFirst();
    assertThat(block.line()).isEqualTo(4);
    assertThat(block.code()).isEqualTo("curl localhost:8787/x\n");
    assertThat(block.markers()).isEqualTo(new DocMarkers(null, true, 409, 0));
    assertThat(block.answerLine()).isEqualTo(10);
    assertThat(block.answer()).isNotNull();
  }

  @Test
  void aJsonBlockAfterAHeadingOrAnotherFenceShowsNoAnswer() {
    DocPage page = DocPage.parse("p.md", """
        ```bash
        true
        ```
        ## Next
        ```json
        {"a": 1}
        ```
        ```bash
        true
        ```
        ```yaml
        a: 1
        ```
        ```json
        {"a": 1}
        ```
        """);

    assertThat(page.blocks()).extracting(DocBlock::answer).containsExactly(null, null);
  }

  @Test
  void aSkippedBlockMustSayWhyAndMarkersStandAboveBashBlocksOnly() {
    assertThat(DocPage.parse("p.md", "<!-- doc-test: skip it runs the test suite -->\n```bash\nx\n```\n")
        .blocks().getFirst().markers().skipReason()).isEqualTo("it runs the test suite");
    assertThatThrownBy(() -> DocMarkers.parse("<!-- doc-test: skip -->")).hasMessageContaining("no reason");
    assertThat(DocMarkers.parse("<!-- doc-test: skip it takes minutes; bench/README.md runs it -->").skipReason())
        .isEqualTo("it takes minutes; bench/README.md runs it");
    assertThatThrownBy(() -> DocPage.parse("p.md", "\n<!-- doc-test: mocked -->\n```bash\nx\n```\n"))
        .hasMessageStartingWith("p.md:2: doc-test directive 'mocked'");
    assertThatThrownBy(() -> DocPage.parse("p.md", "<!-- doc-test: mock -->\n```json\n{}\n```\n"))
        .hasMessage("p.md:1: a doc-test comment must stand just above a ```bash block (it stands above a ```json one)");
  }

  @Test
  void pagesRunReadmeThenQuickstartThenEveryOtherPageByPath() {
    Path root = Path.of("").toAbsolutePath();
    assertThat(DocPage.files(root)).extracting(file -> root.relativize(file).toString())
        .startsWith("README.md", "docs/quickstart.md")
        .contains("docs/keys.md", "docs/providers/bedrock.md")
        .isSortedAccordingTo((a, b) -> a.equals("README.md") ? -1 : b.equals("README.md") ? 1
            : a.equals("docs/quickstart.md") ? -1 : b.equals("docs/quickstart.md") ? 1 : a.compareTo(b));
  }
}
