package dev.loginharness.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * What a sign-in page asks for, as the classifier in {@code page-model.js} reads it: the visible
 * username, password and one-time-code fields, a submit or consent button, a challenge only a
 * person can answer, and any error text. Each look is one JavaScript round trip rather than a dozen
 * {@code findElement} calls (one more per same-origin frame it goes into).
 *
 * <p>Open shadow roots the script walks itself. Frames it cannot act in from the top document
 * (WebDriver's elements belong to one frame), so a page whose form is in a same-origin frame is
 * read again inside that frame, and the driver is left there: the elements of the {@link Page} are
 * usable as returned, and {@link Page#frames()} is the way back into their frame.
 */
final class PageModel {
  /** The classifier, read from the classpath once. */
  static final String SCRIPT = load("page-model.js");

  private PageModel() {}

  /** A snapshot of what the current page offers. Elements may be null. */
  record Page(
      WebElement user,
      WebElement password,
      WebElement otp,
      WebElement submit,
      WebElement consent,
      WebElement agree,
      WebElement keepSignedIn,
      WebElement account,
      String challenge,
      String error,
      String url,
      String foreignFrame,
      List<WebElement> frames) {

    boolean actionable() {
      return user != null
          || password != null
          || otp != null
          || consent != null
          || account != null
          || !challenge.isEmpty();
    }
  }

  /** Most frames inside frames the model goes into. */
  private static final int MAX_FRAME_DEPTH = 3;

  /**
   * The page as it is now; empty while it is being replaced (navigation, a stale document).
   *
   * @param username the account being signed in, for an account picker's tiles; "" when none
   */
  static Optional<Page> read(WebDriver driver, FormHints hints, String username) {
    try {
      driver.switchTo().defaultContent();
      List<WebElement> frames = new ArrayList<>();
      Map<?, ?> map = readHere(driver, hints, username);
      while (map != null
          && map.get("frame") instanceof WebElement frame
          && frames.size() < MAX_FRAME_DEPTH) {
        driver.switchTo().frame(frame);
        frames.add(frame);
        map = readHere(driver, hints, username);
      }
      if (map == null) {
        return Optional.empty();
      }
      return Optional.of(
          new Page(
              (WebElement) map.get("user"),
              (WebElement) map.get("pass"),
              (WebElement) map.get("otp"),
              (WebElement) map.get("submit"),
              (WebElement) map.get("consent"),
              (WebElement) map.get("agree"),
              (WebElement) map.get("keep"),
              (WebElement) map.get("account"),
              String.valueOf(map.get("challenge")),
              String.valueOf(map.get("error")),
              String.valueOf(map.get("url")),
              String.valueOf(map.get("foreignFrame")),
              List.copyOf(frames)));
    } catch (org.openqa.selenium.TimeoutException pageHangs) {
      throw pageHangs; // the page load outlived the step timeout: the login's to report
    } catch (WebDriverException | ClassCastException pageChanging) {
      return Optional.empty();
    }
  }

  /**
   * Switches the driver into {@code frames}, from the top document down.
   *
   * @return false when one of them is gone (its page moved on)
   */
  static boolean enter(WebDriver driver, List<WebElement> frames) {
    try {
      driver.switchTo().defaultContent();
      for (WebElement frame : frames) {
        driver.switchTo().frame(frame);
      }
      return true;
    } catch (org.openqa.selenium.TimeoutException pageHangs) {
      throw pageHangs; // the page load outlived the step timeout: the login's to report
    } catch (WebDriverException gone) {
      return false;
    }
  }

  private static Map<?, ?> readHere(WebDriver driver, FormHints hints, String username) {
    Object result =
        ((JavascriptExecutor) driver)
            .executeScript(
                SCRIPT,
                hints.username().orElse(""),
                hints.password().orElse(""),
                hints.otp().orElse(""),
                hints.submit().orElse(""),
                hints.consent().orElse(""),
                hints.challenge().orElse(""),
                username,
                hints.keepSignedIn());
    return result instanceof Map<?, ?> map ? map : null;
  }

  private static String load(String name) {
    try (InputStream in = PageModel.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " beside PageModel");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
