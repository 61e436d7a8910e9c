package dev.portcullis.admin;

import dev.portcullis.error.GatewayException;
import dev.portcullis.report.AiActFormat;
import dev.portcullis.report.ReportPeriod;
import dev.portcullis.report.Reports;
import dev.portcullis.report.SecurityReport;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * {@code GET /admin/v1/reports/security} (a PDF) and {@code GET /admin/v1/reports/ai-act?ai_system=} (Markdown, PDF
 * or JSON by {@code format}), over {@code from}/{@code to} (default: the 30 days before now) and the caller's
 * workspace reach. Viewers may read them. Reports are built on a worker thread.
 */
public final class ReportsApi {

  private final Reports reports;

  public ReportsApi(Reports reports) {
    this.reports = reports;
  }

  void mount(Router router) {
    router.get("/admin/v1/reports/security").handler(this::security);
    router.get("/admin/v1/reports/ai-act").handler(this::aiAct);
  }

  private void security(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    answer(ctx, "application/pdf", "security-report.pdf", () -> SecurityReport.pdf(
        reports.security(workspace, period(ctx))));
  }

  private void aiAct(RoutingContext ctx) {
    String workspace = AdminAccess.workspace(ctx);
    String system = ctx.request().getParam("ai_system");
    AiActFormat format;
    ReportPeriod period;
    try {
      if (system == null || system.isEmpty()) {
        throw GatewayException.badRequest("ai_system: missing (expected: the id of an AI system; "
            + "GET /admin/v1/ai-systems lists them)", "ai_system");
      }
      format = AiActFormat.parse(ctx.request().getParam("format"));
      period = period(ctx);
    } catch (GatewayException e) {
      ctx.fail(e);
      return;
    }
    answer(ctx, format.contentType(), null, () -> format.render(reports.aiAct(system, workspace, period)));
  }

  private ReportPeriod period(RoutingContext ctx) {
    return ReportPeriod.parse(ctx.request().getParam("from"), ctx.request().getParam("to"), reports.now());
  }

  private static void answer(RoutingContext ctx, String contentType, String fileName, Callable<byte[]> render) {
    ctx.vertx().executeBlocking(render, false).onSuccess(bytes -> {
      ctx.response().putHeader("content-type", contentType);
      if (fileName != null) {
        ctx.response().putHeader("content-disposition", "attachment; filename=\"" + fileName + "\"");
      }
      ctx.response().end(Buffer.buffer(bytes));
    }).onFailure(ctx::fail);
  }
}
