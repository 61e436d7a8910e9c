package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's chromium, driven through chromium-driver by Selenium. Each test leaves a
 * screenshot under target/dashboard-screenshots/ for people to look at.
 */
class DashboardBrowserIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "{\"model\":\"openai/%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @TempDir Path dir;
  private GatewayHarness h;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void start() {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does)");
    h = new GatewayHarness(dir);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--window-size=1280,900");
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .build(), options);
    // htmx swaps regions in place: an element found just before a swap goes stale, so a wait looks again.
    wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (h != null) {
      h.close();
    }
  }

  @Test
  void signedInAdminCreatesAKeySeesItsSecretOnceAndRevokesIt() throws Exception {
    signIn(GatewayHarness.ADMIN_KEY);
    browser.get(h.url("/dashboard/keys"));
    browser.findElement(By.id("key-name")).sendKeys("e2e-app");
    browser.findElement(By.cssSelector("#create-key button[type=submit]")).click();
    String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#create-key-result .secret")))
        .getText();
    assertThat(secret).startsWith("pcl-");
    assertThat(h.send(h.post("/v1/chat/completions", CHAT.formatted("gpt-4o"))
        .header("authorization", "Bearer " + secret)).statusCode()).isEqualTo(200);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gateway-keys"), "e2e-app"));
    screenshot("keys-secret-shown-once");

    browser.navigate().refresh();
    assertThat(browser.getPageSource()).contains("e2e-app").doesNotContain(secret);
    WebElement row = browser.findElement(By.xpath("//tr[td[1][text()='e2e-app']]"));
    row.findElement(By.xpath(".//button[text()='Revoke']")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(d -> d.findElement(By.xpath("//tr[td[1][text()='e2e-app']]/td[@class='state']")).getText()
        .startsWith("revoked"));
    assertThat(h.send(h.post("/v1/chat/completions", CHAT.formatted("gpt-4o"))
        .header("authorization", "Bearer " + secret)).statusCode()).isEqualTo(401);
    screenshot("keys-revoked");
  }

  @Test
  void logsAreFilteredByModelAndARowOpensItsDetail() {
    assertThat(h.chat(CHAT.formatted("gpt-4o")).statusCode()).isEqualTo(200);
    assertThat(h.chat(CHAT.formatted("gpt-4o-mini")).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> h.gateway.logWriter().written() >= 2);
    signIn(GatewayHarness.ADMIN_KEY);
    browser.get(h.url("/dashboard/logs"));
    assertThat(browser.findElements(By.cssSelector("#logs tbody tr"))).hasSize(2);
    browser.findElement(By.id("model")).sendKeys("gpt-4o-mini", Keys.ENTER);
    wait.until(d -> d.findElements(By.cssSelector("#logs tbody tr")).size() == 1);
    assertThat(browser.getCurrentUrl()).contains("model=gpt-4o-mini");
    screenshot("logs-filtered");

    browser.findElement(By.cssSelector("#logs tbody tr a")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Request"));
    assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains("gpt-4o-mini")
        .contains("Fallback index").contains("Policy verdict").contains("Guardrail verdict");
    assertThat(browser.findElements(By.cssSelector("table tbody tr"))).hasSize(1);
    screenshot("log-detail");
  }

  @Test
  void configEditorShowsTheValidatorsErrorAndItsPathAsYouType() {
    signIn(GatewayHarness.ADMIN_KEY);
    browser.get(h.url("/dashboard/configs"));
    WebElement editor = browser.findElement(By.id("config-editor"));
    editor.clear();
    editor.sendKeys("{\"strategy\": {\"mode\": \"sideways\"}, \"targets\": [{\"provider\": \"openai\"}]}");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("config-validation"), "sideways"));
    assertThat(browser.findElement(By.id("config-validation")).getText()).contains("strategy.mode");
    assertThat(editor.getAttribute("aria-invalid")).isEqualTo("true");
    screenshot("config-validation-error");

    editor.clear();
    editor.sendKeys("{\"strategy\": {\"mode\": \"fallback\"}, \"targets\": [{\"provider\": \"openai\"}]}");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("config-validation"), "Valid config."));
  }

  @Test
  void alertRaisedByAPolicyRuleIsAcknowledgedFromItsButton() throws Exception {
    assertThat(h.admin(h.post("/admin/v1/policies", """
        {"name": "watch gpt-4o", "target": {"kind": "llm_model", "model": "gpt-4o"}, "action": "alert"}""")).statusCode())
        .isEqualTo(201);
    assertThat(h.chat(CHAT.formatted("gpt-4o")).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(h.admin(h.get("/admin/v1/alerts")).body())
        .path("data").size() == 1);
    signIn(GatewayHarness.ADMIN_KEY);
    browser.get(h.url("/dashboard/alerts"));
    assertThat(browser.findElement(By.id("alerts")).getText()).contains("watch gpt-4o").contains("open");
    browser.findElement(By.xpath("//button[text()='Acknowledge']")).click();
    wait.until(d -> d.findElement(By.cssSelector("#alerts td.state")).getText().startsWith("acknowledged"));
    assertThat(JSON.readTree(h.admin(h.get("/admin/v1/alerts")).body()).path("data").get(0).path("acknowledged_at")
        .isTextual()).as("acknowledged through the admin API").isTrue();
    screenshot("alert-acknowledged");
  }

  @Test
  void auditChainIsVerifiedFromItsButton() {
    signIn(GatewayHarness.ADMIN_KEY);
    h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"audited\"}"));
    browser.get(h.url("/dashboard/audit"));
    assertThat(browser.findElement(By.tagName("table")).getText()).contains("api_key");
    browser.findElement(By.id("verify-chain")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-result"), "\"valid\": true"));
    screenshot("audit-verified");
  }

  @Test
  void viewerSeesNoCreateButtonAndTheFormsEndpointAnswersIt403() throws Exception {
    String viewer = JSON.readTree(h.admin(h.post("/admin/v1/api-keys", "{\"name\":\"auditor\",\"role\":\"viewer\"}"))
        .body()).path("key").asText();
    signIn(viewer);
    browser.get(h.url("/dashboard/keys"));
    assertThat(browser.findElements(By.id("create-key"))).isEmpty();
    assertThat(browser.findElements(By.xpath("//button[text()='Revoke']"))).isEmpty();
    Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch('/admin/v1/api-keys', {method: 'POST', headers: {'content-type': 'application/json',
            'X-CSRF-Token': document.querySelector('meta[name="csrf-token"]').content},
            body: JSON.stringify({name: 'sneaky'})}).then(r => done(r.status));""");
    assertThat(status).isEqualTo(403L);
    screenshot("viewer-keys");
  }

  @Test
  void overviewDrawsItsChartsAndReadsAt1280And390PixelsWide() {
    assertThat(h.chat(CHAT.formatted("gpt-4o")).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> h.gateway.logWriter().written() >= 1);
    signIn(GatewayHarness.ADMIN_KEY);
    browser.get(h.url("/dashboard"));
    assertThat(browser.findElement(By.id("requests")).getText()).isEqualTo("1");
    wait.until(d -> d.findElements(By.cssSelector("canvas[data-drawn]")).size() == 3);
    screenshot("overview-1280");
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.navigate().refresh();
    wait.until(d -> d.findElements(By.cssSelector("canvas[data-drawn]")).size() == 3);
    Object overflow = ((JavascriptExecutor) browser).executeScript(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
    assertThat(overflow).isEqualTo(false);
    screenshot("overview-390");
  }

  @Test
  void signOutEndsTheSession() {
    signIn(GatewayHarness.ADMIN_KEY);
    browser.findElement(By.xpath("//button[text()='Sign out']")).click();
    wait.until(ExpectedConditions.urlContains("/dashboard/sign-in"));
    browser.get(h.url("/dashboard/keys"));
    assertThat(browser.getCurrentUrl()).endsWith("/dashboard/sign-in");
  }

  private void signIn(String key) {
    browser.get(h.url("/dashboard"));
    assertThat(browser.getCurrentUrl()).endsWith("/dashboard/sign-in");
    browser.findElement(By.id("key")).sendKeys(key, Keys.ENTER);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav[aria-label=Dashboard]")));
  }

  private void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
