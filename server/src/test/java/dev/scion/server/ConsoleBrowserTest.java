package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in headless Debian Chromium: the administrator makes a tenant and its key; the
 * tenant logs in with it, chats through the seed scenario, uploads a document and asks it a
 * question, designs a form, starts a request and approves it, browses a collection and reads its
 * usage. Screenshots go to {@code target/screenshots}.
 */
class ConsoleBrowserTest {
  static final String ADMIN = "admin-key-for-console-0123456789";
  static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir static Path dir;
  static ScionServer server;
  static ChromeDriver browser;
  static WebDriverWait wait;
  static String base;
  static String tenantKey;

  @BeforeAll
  static void start() throws Exception {
    server =
        ScionServer.start(
            new ServerConfig("127.0.0.1", 0, dir, ADMIN, 8 << 20)
                .withPacks(List.of(Path.of("..", "packs", "ota-hotel"))));
    base = "http://127.0.0.1:" + server.port();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
            .build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  static void shot(String name) throws Exception {
    Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  static WebElement id(String id) {
    return browser.findElement(By.id(id));
  }

  static void waitForText(String id, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
  }

  static void type(String id, String text) {
    WebElement e = id(id);
    e.clear();
    e.sendKeys(text);
  }

  @Test
  void aTenantWorksThroughEveryScreen() throws Exception {
    // the administrator makes a tenant and its key
    browser.get(base + "/console/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-key")));
    type("login-key", ADMIN);
    id("login-form").submit();
    waitForText("who", "(administrator)");
    browser.get(base + "/console/#tenants");
    type("tenant-id", "travelco");
    type("tenant-name", "Travel Co");
    id("tenant-form").submit();
    waitForText("tenant-list", "Travel Co");
    waitForText("keys-title", "travelco");
    type("key-name", "web");
    id("key-form").submit();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-key")));
    tenantKey = id("new-key").getText();
    waitForText("key-list", "web");
    shot("01-tenants");
    Http tenant = new Http(server.port(), tenantKey);
    tenant.put("/collections/hotels", "{\"vectors\":{\"size\":2,\"distance\":\"Cosine\"}}");
    tenant.put(
        "/collections/hotels/points?wait=true",
        "{\"points\":[{\"id\":7,\"vector\":[1,0],\"payload\":{\"name\":\"Coral Garden\"}}]}");
    id("logout").click();

    // log in: a wrong key is refused with the server's reason, the right one opens the console
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-key")));
    type("login-key", "sk-scion-wrong");
    id("login-form").submit();
    waitForText("login-error", "401");
    shot("02-login-refused");
    type("login-key", tenantKey);
    id("login-form").submit();
    waitForText("who", "tenant travelco");

    // chat: the seed scenario, with intents and state shown beside the conversation
    browser.get(base + "/console/#chat");
    wait.until(d -> new Select(id("chat-model")).getOptions().size() > 0);
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("document.getElementById('chat-today').value = '2026-12-01'");
    type("chat-input", "book a hotel in Da Nang for the 10th");
    id("chat-form").submit();
    waitForText("chat-state", "2026-12-10");
    type("chat-input", "no wait, show me the 11th, and what is the cancellation policy?");
    id("chat-form").submit();
    waitForText("chat-state", "2026-12-11");
    waitForText("chat-intents", "ask_policy");
    assertTrue(id("chat-state").getText().contains("Da Nang"));
    assertTrue(
        id("chat-log").getText().toLowerCase(java.util.Locale.ROOT).contains("cancel"),
        id("chat-log").getText());
    assertEquals(4, browser.findElements(By.cssSelector("#chat-log .msg")).size());
    shot("03-chat");

    // knowledge: create a base, upload a document, ask with citations
    browser.get(base + "/console/#knowledge");
    type("kb-new", "handbook");
    id("kb-create").click();
    waitForText("kb-docs", "0 documents");
    Path doc = dir.resolve("late-checkout.md");
    Files.writeString(
        doc,
        "# Late checkout\n\nGuests may check out until 2 pm for a fee of 20 USD.\n\n"
            + "# Pets\n\nSmall dogs are welcome in garden rooms.\n");
    id("kb-file").sendKeys(doc.toAbsolutePath().toString());
    id("kb-upload").submit();
    waitForText("kb-upload-result", "late-checkout.md: added");
    waitForText("kb-docs", "1 documents");
    type("kb-question", "until when can guests check out?");
    id("kb-ask").submit();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kb-answer-text")));
    assertTrue(id("kb-answer-text").getText().contains("2 pm"), id("kb-answer").getText());
    assertTrue(
        id("kb-answer").getText().contains("[1] late-checkout.md"), id("kb-answer").getText());
    shot("04-knowledge");

    // people: import the directory from CSV, add one person by hand
    browser.get(base + "/console/#people");
    id("people-import").click();
    waitForText("people-imported", "imported 3");
    waitForText("people-list", "Lan Pham");
    type("person-id", "hoa");
    type("person-name", "Hoa Le");
    type("person-manager", "minh");
    type("person-roles", "hr, audit");
    id("person-form").submit();
    waitForText("people-list", "Hoa Le");
    assertTrue(id("people-list").getText().contains("hr, audit"), id("people-list").getText());
    shot("05-people");

    // forms: describe, compile (form rendered, flow drawn), deploy, start (the manager from the
    // directory), approve in the inbox
    browser.get(base + "/console/#forms");
    id("form-compile").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flow-svg")));
    assertEquals(4, browser.findElements(By.cssSelector("#flow-svg rect.flow-step")).size());
    assertTrue(id("form-flow").getText().contains("hr"), id("form-flow").getText());
    new Select(id("form-render").findElement(By.name("kind"))).selectByValue("annual");
    id("form-deploy").click();
    waitForText("form-deployed", "deployed as");
    id("form-render").findElement(By.name("kind")); // the form is drawn again, with a start button
    new Select(id("form-render").findElement(By.name("kind"))).selectByValue("annual");
    id("form-render").findElement(By.name("days")).sendKeys("2");
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript(
            "document.querySelector('#form-render input[name=start_date]').value = '2026-12-21'");
    id("form-start").click();
    waitForText("requests", "running");
    shot("06-form-started");
    type("inbox-user", "minh");
    id("inbox-form").submit();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#inbox button.approve")));
    browser.findElement(By.cssSelector("#inbox button.approve")).click();
    waitForText("requests", "approved");
    shot("07-form-approved");
    Object fits =
        ((org.openqa.selenium.JavascriptExecutor) browser)
            .executeScript(
                "const s = document.getElementById('flow-svg').getBoundingClientRect();"
                    + " const c = document.getElementById('form-flow').getBoundingClientRect();"
                    + " return s.right <= c.right + 1;");
    assertEquals(Boolean.TRUE, fits, "the flow drawing fits its card");

    // collections: the tenant's own collection and its points
    browser.get(base + "/console/#collections");
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#coll-list li")));
    browser.findElement(By.cssSelector("#coll-list li")).click();
    waitForText("coll-points", "Coral Garden");
    assertTrue(id("coll-info").getText().contains("1 points"), id("coll-info").getText());
    shot("08-collections");

    // usage: what this session did, counted for the tenant and charted per minute
    browser.get(base + "/console/#usage");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#usage-requests rect.bar")));
    String cards = id("usage-cards").getText();
    assertTrue(cards.contains("form requests") && cards.contains("documents"), cards);
    shot("09-usage");

    // analytics: the chat turns of this session, summed up and listed with personal values masked
    browser.get(base + "/console/#analytics");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#an-turns li.turn")));
    String analytics = id("an-cards").getText();
    assertTrue(analytics.contains("conversations") && analytics.contains("contained"), analytics);
    waitForText("an-intents", "book_hotel");
    assertTrue(
        id("an-turns").getText().contains("what is the cancellation policy"),
        id("an-turns").getText());
    assertTrue(id("an-turns").getText().contains("confidence 0."), id("an-turns").getText());
    // over time: today's turns as the rightmost bar of the per-day chart
    WebElement todayBar = wait.until(d -> d.findElement(By.cssSelector("#an-days rect.bar")));
    assertTrue(
        todayBar
            .findElement(By.tagName("title"))
            .getAttribute("textContent")
            .startsWith(java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ": "),
        todayBar.getAttribute("outerHTML"));
    new org.openqa.selenium.support.ui.Select(id("an-series")).selectByValue("conversations");
    wait.until(
        d ->
            d.findElement(By.cssSelector("#an-days svg text"))
                .getText()
                .contains("conversations/day"));
    shot("10-analytics");

    // review: a turn annotated in a few clicks (intent, a slot's first and last word) and taught
    WebElement turn =
        browser.findElements(By.cssSelector("#an-turns li.turn")).stream()
            .filter(li -> li.getText().contains("book a hotel in Da Nang"))
            .findFirst()
            .orElseThrow();
    turn.findElement(By.cssSelector("button.teach-open")).click();
    WebElement teach = wait.until(d -> turn.findElement(By.cssSelector(".teach")));
    new Select(teach.findElement(By.cssSelector("select.teach-intent")))
        .selectByValue("book_hotel");
    new Select(teach.findElement(By.cssSelector("select.teach-slot"))).selectByValue("city");
    for (String word : List.of("Da", "Nang")) {
      teach.findElements(By.cssSelector(".word")).stream()
          .filter(w -> w.getText().equals(word))
          .findFirst()
          .orElseThrow()
          .click();
    }
    assertTrue(teach.getText().contains("city = Da Nang"), teach.getText());
    teach.findElement(By.cssSelector("button.teach-add")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElement(
            teach.findElement(By.cssSelector(".teach-result")), "added as example"));
    waitForText("an-versions-summary", "1 reviewed example");
    shot("11-teach");
    var taught =
        new Http(server.port(), tenantKey).get("/packs/ota-hotel/examples").result().get(0);
    assertEquals("book a hotel in Da Nang for the 10th", taught.get("text").asText());
    assertEquals("book_hotel", taught.at("/intents/0").asText());
    assertEquals("Da Nang", taught.at("/slots/0/text").asText(), taught.toString());
    assertEquals("city", taught.at("/slots/0/slot").asText());
    Http.Reply usage = new Http(server.port(), tenantKey).get("/usage");
    assertEquals(1, usage.json().get("form_instances").asInt(), usage.text());
    assertEquals(1, usage.json().get("documents").asInt(), usage.text());
    assertTrue(usage.json().get("requests").asInt() > 15, usage.text());
  }
}
