package dev.portcullis.report;

import dev.portcullis.report.ReportDocument.Bar;
import dev.portcullis.report.ReportDocument.BarChart;
import dev.portcullis.report.ReportDocument.Block;
import dev.portcullis.report.ReportDocument.Bullets;
import dev.portcullis.report.ReportDocument.Paragraph;
import dev.portcullis.report.ReportDocument.Section;
import dev.portcullis.report.ReportDocument.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes a {@link ReportDocument} as an A4 PDF with PDFBox: the cover on a page of its own, then the sections, a new
 * page whenever one is full. Text is real text in the standard Helvetica fonts (extractable, searchable); bar charts
 * are filled rectangles, vector paths, not images. Characters Helvetica cannot show are written as {@code ?}.
 */
public final class PdfWriter {

  private static final float MARGIN = 50;
  private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
  private static final float TOP = PDRectangle.A4.getHeight() - MARGIN;
  private static final float BODY = 10;
  private static final float LABEL_WIDTH = 170;
  private static final float BAR_MAX = 230;

  private final PDDocument pdf = new PDDocument();
  private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
  private PDPageContentStream page;
  private float y;

  private PdfWriter() {}

  /** The document as PDF bytes. */
  public static byte[] write(ReportDocument document) {
    PdfWriter writer = new PdfWriter();
    try {
      return writer.render(document);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the PDF: " + e.getMessage(), e);
    }
  }

  private byte[] render(ReportDocument document) throws IOException {
    try (pdf) {
      pdf.getDocumentInformation().setTitle(clean(document.title()));
      newPage();
      y = TOP - 200;
      text(bold, 24, MARGIN, document.title());
      y -= 20;
      for (String line : document.cover()) {
        wrapped(regular, 12, line);
      }
      for (Section section : document.sections()) {
        if (section == document.sections().getFirst()) {
          newPage();
        }
        heading(section.heading());
        for (Block block : section.blocks()) {
          switch (block) {
            case Paragraph p -> wrapped(regular, BODY, p.text());
            case Bullets b -> {
              for (String item : b.items()) {
                wrapped(regular, BODY, "-  " + item);
              }
            }
            case Table t -> table(t);
            case BarChart c -> chart(c);
          }
          y -= 6;
        }
      }
      page.close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pdf.save(out);
      return out.toByteArray();
    }
  }

  private void heading(String text) throws IOException {
    room(50);
    y -= 8;
    text(bold, 14, MARGIN, text);
    y -= 4;
  }

  private void table(Table table) throws IOException {
    if (table.rows().isEmpty()) {
      wrapped(regular, BODY, table.emptyText());
      return;
    }
    float column = WIDTH / table.header().size();
    row(bold, table.header(), column);
    for (List<String> r : table.rows()) {
      row(regular, r, column);
    }
  }

  private void row(PDType1Font font, List<String> cells, float column) throws IOException {
    room(BODY * 1.5f);
    y -= BODY * 1.4f;
    for (int i = 0; i < cells.size(); i++) {
      show(font, BODY, MARGIN + i * column, y, fitted(font, BODY, cells.get(i), column - 6));
    }
  }

  private void chart(BarChart chart) throws IOException {
    room(30);
    text(bold, BODY, MARGIN, chart.title());
    double max = chart.bars().stream().mapToDouble(Bar::value).max().orElse(0);
    if (chart.bars().isEmpty()) {
      wrapped(regular, BODY, "none");
      return;
    }
    for (Bar bar : chart.bars()) {
      room(16);
      y -= 14;
      show(regular, BODY, MARGIN, y, fitted(regular, BODY, bar.label(), LABEL_WIDTH - 6));
      float length = max <= 0 ? 0 : (float) (bar.value() / max * BAR_MAX);
      page.setNonStrokingColor(0.20f, 0.40f, 0.70f);
      page.addRect(MARGIN + LABEL_WIDTH, y - 1, Math.max(length, 0.5f), 9);
      page.fill();
      page.setNonStrokingColor(0f, 0f, 0f);
      show(regular, BODY, MARGIN + LABEL_WIDTH + length + 4, y, bar.shown());
    }
  }

  /** Writes {@code text} in lines that fit the width, moving down a line before each. */
  private void wrapped(PDType1Font font, float size, String text) throws IOException {
    for (String line : lines(font, size, clean(text))) {
      text(font, size, MARGIN, line);
    }
  }

  private void text(PDType1Font font, float size, float x, String text) throws IOException {
    room(size * 1.5f);
    y -= size * 1.4f;
    show(font, size, x, y, text);
  }

  private void show(PDType1Font font, float size, float x, float at, String text) throws IOException {
    page.beginText();
    page.setFont(font, size);
    page.newLineAtOffset(x, at);
    page.showText(clean(text));
    page.endText();
  }

  /** Starts a new page when less than {@code height} is left on this one. */
  private void room(float height) throws IOException {
    if (y - height < MARGIN) {
      newPage();
    }
  }

  private void newPage() throws IOException {
    if (page != null) {
      page.close();
    }
    PDPage next = new PDPage(PDRectangle.A4);
    pdf.addPage(next);
    page = new PDPageContentStream(pdf, next);
    y = TOP;
  }

  private List<String> lines(PDType1Font font, float size, String text) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.isEmpty() ? word : line + " " + word;
      if (!line.isEmpty() && width(font, size, candidate) > WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    lines.add(line.toString());
    return lines;
  }

  private String fitted(PDType1Font font, float size, String text, float room) throws IOException {
    String clean = clean(text);
    if (width(font, size, clean) <= room) {
      return clean;
    }
    String cut = clean;
    while (!cut.isEmpty() && width(font, size, cut + "...") > room) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "...";
  }

  private static float width(PDType1Font font, float size, String text) throws IOException {
    return font.getStringWidth(text) / 1000 * size;
  }

  /** The text with what the standard fonts' WinAnsi encoding cannot hold replaced by {@code ?}. */
  private static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.append(c >= 0x20 && c <= 0x7E || c >= 0xA0 && c <= 0xFF ? (char) c : '?'));
    return out.toString();
  }
}
