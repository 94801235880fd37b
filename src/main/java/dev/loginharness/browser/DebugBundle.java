package dev.loginharness.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loginharness.secret.Redact;
import dev.loginharness.secret.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * What the browser saw during a login, written to a directory when it fails (or always, with {@code
 * --trace}): a screenshot per step, the last page's HTML with every input value removed, the
 * network timeline, the browser console, and the login timeline. Everything textual goes through
 * {@link Redact} with the run's own secrets before it is written.
 */
public final class DebugBundle {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Clones the document and empties every field, so nothing typed survives in the copy. */
  private static final String SANITISED_HTML =
      """
      const copy = document.documentElement.cloneNode(true);
      copy.querySelectorAll('input').forEach(e => { e.removeAttribute('value'); });
      copy.querySelectorAll('textarea').forEach(e => { e.textContent = ''; });
      copy.querySelectorAll('script').forEach(e => { e.textContent = ''; });
      return '<!DOCTYPE html>\\n' + copy.outerHTML;
      """;

  private final WebDriver driver;
  private final NetworkLog network;
  private final List<Secret> secrets;
  private final List<Map.Entry<String, byte[]>> screenshots = new ArrayList<>();

  public DebugBundle(WebDriver driver, NetworkLog network, List<Secret> secrets) {
    this.driver = driver;
    this.network = network;
    this.secrets = new ArrayList<>(secrets);
  }

  /** Secrets that turned up during the run (the code, the tokens) and must be scrubbed too. */
  public synchronized void addSecrets(List<Secret> more) {
    synchronized (more) {
      secrets.addAll(more);
    }
  }

  /** A screenshot of the page as it is now, kept in memory under the step's name. */
  public synchronized void step(String name) {
    try {
      screenshots.add(
          Map.entry(name, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES)));
    } catch (WebDriverException | ClassCastException pageGoingAway) {
      // a step without a picture; the rest of the bundle still tells the story
    }
  }

  /**
   * Writes the bundle into {@code dir}: every directory it creates 0700 and every file 0600, since
   * the bundle shows the user's pages (as the token store does, where the file system has POSIX
   * permissions).
   *
   * @param timeline the login's marks, already free of secrets
   */
  public synchronized Path write(Path dir, List<Map<String, Object>> timeline, String outcome)
      throws IOException {
    createPrivateDirectories(dir);
    step("final");
    for (int i = 0; i < screenshots.size(); i++) {
      writePrivate(
          dir.resolve(String.format("step-%02d-%s.png", i + 1, screenshots.get(i).getKey())),
          screenshots.get(i).getValue());
    }
    write(dir.resolve("page.html"), pageHtml());
    List<Map<String, Object>> requests = new ArrayList<>();
    for (NetworkLog.Entry e : network.entries()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("method", e.method());
      row.put("url", e.url());
      row.put("status", e.status());
      row.put("epoch_ms", e.epochMillis());
      requests.add(row);
    }
    write(dir.resolve("network.json"), JSON.writeValueAsString(requests));
    write(dir.resolve("console.log"), consoleLog());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("outcome", outcome);
    summary.put("marks", timeline);
    write(dir.resolve("timeline.json"), JSON.writeValueAsString(summary));
    return dir;
  }

  private String pageHtml() {
    try {
      Object html = ((JavascriptExecutor) driver).executeScript(SANITISED_HTML);
      return html == null ? "" : html.toString();
    } catch (WebDriverException | ClassCastException noPage) {
      return "<!-- the page could not be read: " + Browsers.firstLine(noPage) + " -->";
    }
  }

  private String consoleLog() {
    try {
      StringBuilder out = new StringBuilder();
      for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
        out.append(entry.getTimestamp())
            .append(' ')
            .append(entry.getLevel())
            .append(' ')
            .append(entry.getMessage())
            .append('\n');
      }
      return out.toString();
    } catch (WebDriverException | UnsupportedOperationException noLog) {
      return "(the browser console log is not available: " + Browsers.firstLine(noLog) + ")\n";
    }
  }

  private void write(Path file, String text) throws IOException {
    writePrivate(file, Redact.text(text, secrets).getBytes(StandardCharsets.UTF_8));
  }

  private static final Set<PosixFilePermission> PRIVATE_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PRIVATE_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  /**
   * Each missing directory is created 0700; the bundle's own directory is made 0700 even if it
   * existed (a bundle written into it again shows pages again). Existing parents are left alone.
   */
  private static void createPrivateDirectories(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath();
    if (!posix(absolute)) {
      Files.createDirectories(absolute);
      return;
    }
    createMissing(absolute);
    Files.setPosixFilePermissions(absolute, PRIVATE_DIRECTORY);
  }

  private static void createMissing(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (dir.getParent() != null) {
      createMissing(dir.getParent());
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
    } catch (FileAlreadyExistsException raced) {
      // another bundle created it at the same moment
    }
  }

  /** Created 0600, never readable by others for a moment; an old file of the name is replaced. */
  private static void writePrivate(Path file, byte[] content) throws IOException {
    Files.deleteIfExists(file);
    FileAttribute<?>[] attributes =
        posix(file)
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_FILE)}
            : new FileAttribute<?>[0];
    try (SeekableByteChannel channel =
        Files.newByteChannel(
            file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
