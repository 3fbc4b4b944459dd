package interviewlab.support.observed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import interviewlab.support.claims.Claim;
import interviewlab.support.faults.FaultEvent;
import interviewlab.support.figures.ChartSpec;
import interviewlab.support.narration.Narrator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A demo's report, opened in a real browser: Debian's chromium, headless, driven through its chromedriver by
 * Selenium. The screenshot stays in target/browser/ for a reader to look at.
 */
class DemoReportTest {
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path REPORT = Path.of("target/browser/demo-report.html");
    private static final Path SCREENSHOT = Path.of("target/browser/demo-report.png");

    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions()
                // As root, in a machine without a display or a network beyond the package registries.
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--window-size=1280,2000");
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toFile());
        }
        // Every request the page makes, from the browser's own network log, to show it makes none but its own.
        options.setCapability("goog:loggingPrefs", Map.of("performance", "ALL"));
        // Debian's chromedriver, where ./lab setup installed it; elsewhere one on the PATH.
        ChromeDriverService.Builder driver = new ChromeDriverService.Builder();
        if (Files.isExecutable(CHROMEDRIVER)) {
            driver.usingDriverExecutable(CHROMEDRIVER.toFile());
        }
        browser = new ChromeDriver(driver.build(), options);
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Claim("TK-22")
    void aDemoReportRendersItsTimelineWithTheFaultMarkedItsTableAndItsChart() throws Exception {
        // given: a run that narrated three events and killed redis between the second and the third
        Instant start = Instant.parse("2026-12-04T10:00:00Z");
        List<Narrator.Event> told = List.of(
                new Narrator.Event(start.plusMillis(100), Narrator.Kind.SCENARIO, "", "Redis, killed while busy"),
                new Narrator.Event(start.plusMillis(500), Narrator.Kind.SAY, "producer", "sent 100 messages"),
                new Narrator.Event(start.plusMillis(1900), Narrator.Kind.SAY, "consumer", "read 60 of them"));
        FaultEvent kill = new FaultEvent(start.plusMillis(1200), "kill -9", "redis");
        Outcome outcome = new Outcome(
                "report-demo",
                "support",
                DemoReportTest.class.getName(),
                "What each queue lost",
                new Stamp("2026-12-04T10:00Z", 2, 24.0, "20.10.24", List.of("Redis 8.0.2")),
                List.of("queue", "lost"),
                List.of(List.of("Redis list", "40"), List.of("Redis list, AOF", "15 <of 100>")),
                List.of(Verdict.shown("TK-22", "the list lost 40")),
                List.of());
        ChartSpec chart = ChartSpec.parse(
                "<!-- chart: report-demo-losses from=report-demo x=queue y=lost title=\"Lost, by queue\" -->");
        new DemoReport("support", start, told, List.of(kill), List.of(outcome), List.of(chart)).write(REPORT);

        // when
        browser.get(REPORT.toAbsolutePath().toUri().toString());
        Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));

        // then: the timeline, in time order, with the fault between the two lines it came between
        List<String> timeline = browser.findElements(By.cssSelector("ol.timeline li")).stream()
                .map(line -> line.getText().replaceAll("\\s+", " "))
                .toList();
        assertThat(timeline)
                .as("each event at its time from the start, who did what, the fault in its place")
                .containsExactly(
                        "+0.100 s Redis, killed while busy",
                        "+0.500 s producer sent 100 messages",
                        "+1.200 s redis kill -9",
                        "+1.900 s consumer read 60 of them");
        WebElement fault = browser.findElement(By.cssSelector("ol.timeline li.fault"));
        assertThat(fault.getCssValue("background-color"))
                .as("the fault is marked: a row of its own colour")
                .isEqualTo("rgba(253, 236, 234, 1)");
        // and the table, with text escaped, not interpreted
        assertThat(browser.findElements(By.cssSelector("section.outcome th")).stream()
                        .map(WebElement::getText))
                .as("the outcome's columns")
                .containsExactly("queue", "lost");
        assertThat(browser.findElements(By.cssSelector("section.outcome td")).stream()
                        .map(WebElement::getText))
                .as("the outcome's table, cell by cell")
                .containsExactly("Redis list", "40", "Redis list, AOF", "15 <of 100>");
        // and the chart, drawn and visible, with a bar per row standing as its figure does
        WebElement svg = browser.findElement(By.cssSelector("figure.chart svg"));
        assertThat(svg.getSize().getWidth())
                .as("the chart is drawn at its width")
                .isGreaterThan(500);
        assertThat(svg.getSize().getHeight()).as("and its height").isGreaterThan(300);
        Object heights = ((JavascriptExecutor) browser)
                .executeScript("return Array.from(document.querySelectorAll("
                        + "\"figure.chart rect[style*='rgb(31,119,180)']\")).map(bar => bar.getBBox().height);");
        assertThat(heights)
                .asInstanceOf(InstanceOfAssertFactories.list(Number.class))
                .as("a bar for each row, laid out by the browser")
                .hasSize(2)
                .satisfies(bars -> assertThat(
                                bars.get(0).doubleValue() / bars.get(1).doubleValue())
                        .as("standing as the rows' figures do: 40 against 15")
                        .isCloseTo(40.0 / 15, within(0.05)));
        // and nothing loaded but the page itself: it opens offline
        List<String> requested = browser.manage().logs().get(LogType.PERFORMANCE).getAll().stream()
                .map(LogEntry::getMessage)
                .map(DemoReportTest::json)
                .filter(entry -> entry.at("/message/method").asText().equals("Network.requestWillBeSent"))
                .map(entry -> entry.at("/message/params/request/url").asText())
                .toList();
        assertThat(requested)
                .as("the browser's network log holds one request, the page's own")
                .containsExactly(REPORT.toAbsolutePath().toUri().toString());
        assertThat(Files.readString(REPORT))
                .as("and the page names nothing to load: no script, stylesheet, image or font, only its own clip paths")
                .doesNotContain("<script", "<link", " src=", "@import")
                .doesNotContainPattern("url\\((?!#)"); // url(#...) is a clip path inside the page
        assertThat(new File(SCREENSHOT.toString()))
                .as("a screenshot is kept in the build output")
                .isFile()
                .satisfies(file -> assertThat(file.length()).isGreaterThan(10_000));
    }
}
