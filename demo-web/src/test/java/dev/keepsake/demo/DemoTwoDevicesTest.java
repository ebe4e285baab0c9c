package dev.keepsake.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * The demo's sync panel ({@code sync-panel.js}) as two users on two devices meet it: two
 * Chromium profiles on one demo server (which runs the sync server), both switched offline
 * with the panel's own switch, each adds a note and both edit the same note; switched back on,
 * both show every note, the same text for the shared note, and the device whose edit met the
 * other's lists the conflict. The two pages side by side go to
 * {@code target/demo-two-devices.png} (the README's {@code docs/demo-two-devices.png} is a copy).
 */
class DemoTwoDevicesTest {

    private static final Path BINARY = Paths.get("/usr/bin/chromium");
    private static final Path DRIVER = Paths.get("/usr/bin/chromedriver");
    private static final int BOUND = 40;

    private DemoServer server;
    private final List<Path> profiles = new ArrayList<>();
    private final List<ChromeDriver> drivers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
            String message = "the demo test needs " + BINARY + " and " + DRIVER;
            if (Boolean.getBoolean("browser.tests.required")) {
                fail(message + "; browser.tests.required is true");
            }
            Assumptions.assumeTrue(false, message + "; skipped");
        }
        server = DemoServer.start(0);
    }

    @AfterEach
    void stop() throws Exception {
        for (ChromeDriver d : drivers) {
            d.quit();
        }
        if (server != null) {
            server.close();
        }
        for (Path profile : profiles) {
            try (Stream<Path> paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A device: a Chromium on a profile of its own (its own storage), narrow like a laptop window. */
    private ChromeDriver device(String build) throws Exception {
        Path profile = Files.createTempDirectory("keepsake-demo-device");
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=900,1500", "--user-data-dir=" + profile);
        ChromeDriver chrome = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build(), options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        drivers.add(chrome);
        chrome.get("http://127.0.0.1:" + server.port() + "/?build=" + build);
        waitFor("the sync panel to start", () -> {
            Object failure = js(chrome, "return window.syncPanel && window.syncPanel.failure || null;");
            if (failure != null) {
                throw new AssertionError("sync panel failed: " + failure);
            }
            return Boolean.TRUE.equals(js(chrome, "return !!(window.syncPanel && window.syncPanel.ready);"));
        });
        assertEquals(true, js(chrome, "return window.syncPanel.configured;"), "the demo serves /sync-config.json");
        return chrome;
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "wasm"})
    void twoDevicesEditOfflineThenConvergeWithTheConflictShown(String build) throws Exception {
        ChromeDriver a = device(build);
        ChromeDriver b = device(build);
        addNote(a, "shared note");
        waitFor("b receives a's note", () -> notes(b).contains("shared note"));

        click(a, "sync-offline");
        click(b, "sync-offline");
        waitFor("a shows offline", () -> "offline".equals(text(a, "sync-state")));
        addNote(a, "written on a while offline");
        addNote(b, "written on b while offline");
        edit(a, "shared note", "shared note, edited on a");
        edit(b, "shared note", "shared note, edited on b");
        waitFor("a's outbox lists its offline writes", () -> Integer.parseInt(text(a, "sync-pending-count")) >= 2);
        assertTrue(a.findElements(By.cssSelector("#sync-pending li")).size() >= 2, "a lists its pending entries");

        click(a, "sync-offline");
        waitFor("a's outbox empties", () -> "0".equals(text(a, "sync-pending-count")));
        click(b, "sync-offline");
        waitFor("b's outbox empties", () -> "0".equals(text(b, "sync-pending-count")));
        List<String> expected = List.of("shared note, edited on b", "written on a while offline",
                "written on b while offline");
        for (ChromeDriver d : List.of(a, b)) {
            waitFor("every note on both devices", () -> sorted(notes(d)).equals(expected));
        }
        waitFor("b lists its conflict on the shared note",
                () -> !b.findElements(By.cssSelector("#sync-conflicts li")).isEmpty());
        screenshot(a, b, Paths.get("target/demo-two-devices" + (build.equals("js") ? "" : "-" + build) + ".png"));
    }

    private static List<String> sorted(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        copy.sort(null);
        return copy;
    }

    // The page is driven through its own elements in JS (value, submit, change, click): the panel
    // sits low on a page laid out by demo.js, where WebDriver's pointer may find it covered.
    private static void addNote(ChromeDriver d, String text) {
        ((JavascriptExecutor) d).executeScript("document.getElementById('sync-new').value = arguments[0];"
                + " document.getElementById('sync-form').requestSubmit();", text);
        waitFor("the note shows", () -> notes(d).contains(text));
    }

    private static void edit(ChromeDriver d, String from, String to) {
        Object found = ((JavascriptExecutor) d).executeScript("for (const input of"
                + " document.querySelectorAll('#sync-notes input')) if (input.value === arguments[0]) {"
                + " input.value = arguments[1]; input.dispatchEvent(new Event('change')); return true; } return false;",
                from, to);
        if (!Boolean.TRUE.equals(found)) {
            throw new AssertionError("no note '" + from + "' on the page: " + notes(d));
        }
        waitFor("the edit shows", () -> notes(d).contains(to));
    }

    @SuppressWarnings("unchecked")
    private static List<String> notes(ChromeDriver d) {
        return (List<String>) js(d, "return [...document.querySelectorAll('#sync-notes input')].map(i => i.value);");
    }

    private static void click(ChromeDriver d, String id) {
        js(d, "document.getElementById('" + id + "').click();");
    }

    private static String text(ChromeDriver d, String id) {
        return (String) js(d, "return document.getElementById('" + id + "').textContent;");
    }

    private static Object js(ChromeDriver d, String script) {
        return ((JavascriptExecutor) d).executeScript(script);
    }

    private static void waitFor(String what, Supplier<Boolean> condition) {
        new FluentWait<>(condition).withTimeout(Duration.ofSeconds(BOUND)).pollingEvery(Duration.ofMillis(100))
                .withMessage(what).until(c -> Boolean.TRUE.equals(c.get()));
    }

    /** Both devices' sync panels side by side, labelled, in one image. */
    private static void screenshot(ChromeDriver a, ChromeDriver b, Path file) throws Exception {
        List<BufferedImage> shots = new ArrayList<>();
        for (ChromeDriver d : List.of(a, b)) {
            js(d, "document.getElementById('sync-section').scrollIntoView();");
            byte[] png = d.findElement(By.id("sync-section")).getScreenshotAs(OutputType.BYTES);
            shots.add(ImageIO.read(new ByteArrayInputStream(png)));
        }
        int gap = 24;
        int label = 34;
        int width = shots.get(0).getWidth() + shots.get(1).getWidth() + gap * 3;
        int height = Math.max(shots.get(0).getHeight(), shots.get(1).getHeight()) + label + gap * 2;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(0x22, 0x30, 0x3c));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.setFont(g.getFont().deriveFont(18f));
        int x = gap;
        String[] names = {"Device A (browser profile 1)", "Device B (browser profile 2)"};
        for (int i = 0; i < 2; i++) {
            g.drawString(names[i], x, gap + 16);
            g.drawImage(shots.get(i), x, gap + label, null);
            x += shots.get(i).getWidth() + gap;
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(out, "png", file.toFile());
    }
}
