package dev.portcullis.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.RequestLogQuery;
import dev.portcullis.observe.RequestLogRepository;
import dev.portcullis.observe.RequestRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Writes every log row a query matches, oldest first, as JSON Lines (the objects {@code GET /admin/v1/logs} lists)
 * or CSV (a header row, then {@link LogsCsvEncoder}'s flat fields): what the export route and
 * {@code portcullis logs export} both write. Rows stream from the database to the output one at a time.
 */
public final class LogExport {

  private static final JsonFactory JSON = new JsonFactory();

  private LogExport() {}

  /** The formats an export is written in. */
  public enum Format {
    JSONL,
    CSV;

    /**
     * {@code jsonl} (also when null or empty) or {@code csv}.
     *
     * @throws GatewayException 400 naming the value otherwise
     */
    public static Format parse(String value) {
      if (value == null || value.isEmpty() || value.equals("jsonl")) {
        return JSONL;
      }
      if (value.equals("csv")) {
        return CSV;
      }
      throw GatewayException.badRequest("format: '" + value + "' (expected: jsonl or csv)", "format");
    }
  }

  /** Writes the rows; the output is neither flushed nor closed. */
  public static void write(RequestLogRepository repository, RequestLogQuery query, Format format, OutputStream out)
      throws SQLException, IOException {
    if (format == Format.CSV) {
      out.write(LogsCsvEncoder.HEADER.getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    repository.forEach(query, record -> {
      line.reset();
      if (format == Format.CSV) {
        line.write(LogsCsvEncoder.line(record).getBytes(StandardCharsets.UTF_8));
      } else {
        json(record, line);
      }
      line.writeTo(out);
    });
  }

  private static void json(RequestRecord record, ByteArrayOutputStream line) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(line)) {
      LogsPageEncoder.write(json, record);
    }
    line.write('\n');
  }
}
