package dev.portcullis.report;

import dev.portcullis.report.ReportDocument.BarChart;
import dev.portcullis.report.ReportDocument.Block;
import dev.portcullis.report.ReportDocument.Bullets;
import dev.portcullis.report.ReportDocument.Paragraph;
import dev.portcullis.report.ReportDocument.Section;
import dev.portcullis.report.ReportDocument.Table;
import java.util.List;

/** Writes a {@link ReportDocument} as Markdown; a bar chart becomes a table of its values. */
public final class MarkdownWriter {

  private MarkdownWriter() {}

  public static String write(ReportDocument document) {
    StringBuilder out = new StringBuilder("# ").append(document.title()).append("\n\n");
    document.cover().forEach(line -> out.append(line).append("  \n"));
    for (Section section : document.sections()) {
      out.append("\n## ").append(section.heading()).append("\n");
      for (Block block : section.blocks()) {
        out.append('\n');
        switch (block) {
          case Paragraph p -> out.append(p.text()).append('\n');
          case Bullets b -> b.items().forEach(item -> out.append("- ").append(item).append('\n'));
          case Table t -> table(out, t.header(), t.rows(), t.emptyText());
          case BarChart c -> {
            out.append("**").append(c.title()).append("**\n\n");
            table(out, List.of("", "value"), c.bars().stream().map(bar -> List.of(bar.label(), bar.shown())).toList(),
                "none");
          }
        }
      }
    }
    return out.toString();
  }

  private static void table(StringBuilder out, List<String> header, List<List<String>> rows, String emptyText) {
    if (rows.isEmpty()) {
      out.append(emptyText).append('\n');
      return;
    }
    row(out, header);
    out.append("|").append("---|".repeat(header.size())).append('\n');
    rows.forEach(r -> row(out, r));
  }

  private static void row(StringBuilder out, List<String> cells) {
    out.append('|');
    cells.forEach(c -> out.append(' ').append(c.replace("|", "\\|")).append(" |"));
    out.append('\n');
  }
}
