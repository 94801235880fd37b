package dev.loginharness.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * {@code findElement} calls.
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
      String challenge,
      String error,
      String url) {

    boolean actionable() {
      return user != null
          || password != null
          || otp != null
          || consent != null
          || !challenge.isEmpty();
    }
  }

  /** The page as it is now; empty while it is being replaced (navigation, a stale document). */
  static Optional<Page> read(WebDriver driver, FormHints hints) {
    try {
      Object result =
          ((JavascriptExecutor) driver)
              .executeScript(
                  SCRIPT,
                  hints.username().orElse(""),
                  hints.password().orElse(""),
                  hints.otp().orElse(""),
                  hints.submit().orElse(""),
                  hints.consent().orElse(""),
                  hints.challenge().orElse(""));
      if (!(result instanceof Map<?, ?> map)) {
        return Optional.empty();
      }
      return Optional.of(
          new Page(
              (WebElement) map.get("user"),
              (WebElement) map.get("pass"),
              (WebElement) map.get("otp"),
              (WebElement) map.get("submit"),
              (WebElement) map.get("consent"),
              String.valueOf(map.get("challenge")),
              String.valueOf(map.get("error")),
              String.valueOf(map.get("url"))));
    } catch (WebDriverException | ClassCastException pageChanging) {
      return Optional.empty();
    }
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
