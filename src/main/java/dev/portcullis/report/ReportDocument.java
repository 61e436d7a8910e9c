package dev.portcullis.report;

import java.util.List;

/**
 * A report as headed sections of blocks, written out as PDF ({@link PdfWriter}) or Markdown
 * ({@link MarkdownWriter}), so both formats say the same thing.
 *
 * @param title the first line of the cover
 * @param cover lines under the title (organisation, period, when generated, reach)
 */
public record ReportDocument(String title, List<String> cover, List<Section> sections) {

  public ReportDocument {
    cover = List.copyOf(cover);
    sections = List.copyOf(sections);
  }

  /** One headed part of a report. */
  public record Section(String heading, List<Block> blocks) {
    public Section {
      blocks = List.copyOf(blocks);
    }
  }

  /** What a section holds. */
  public sealed interface Block permits Paragraph, Bullets, Table, BarChart {}

  public record Paragraph(String text) implements Block {}

  public record Bullets(List<String> items) implements Block {
    public Bullets {
      items = List.copyOf(items);
    }
  }

  /** Rows of cells under a header row; an empty table is written as {@code emptyText}. */
  public record Table(List<String> header, List<List<String>> rows, String emptyText) implements Block {
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /** Horizontal bars, one per label, long in proportion to their values; drawn as vector paths in PDF. */
  public record BarChart(String title, List<Bar> bars) implements Block {
    public BarChart {
      bars = List.copyOf(bars);
    }
  }

  /** @param shown the value as written next to the bar */
  public record Bar(String label, double value, String shown) {}
}
