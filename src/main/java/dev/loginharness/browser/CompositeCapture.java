package dev.loginharness.browser;

import java.util.List;
import java.util.stream.Collectors;

/** Several captures on one session, racing: the first to see the callback wins (see FirstMatch). */
final class CompositeCapture implements CallbackCapture {
  private final List<CallbackCapture> parts;

  CompositeCapture(List<CallbackCapture> parts) {
    this.parts = List.copyOf(parts);
  }

  @Override
  public String mechanism() {
    return parts.stream().map(CallbackCapture::mechanism).collect(Collectors.joining("+"));
  }

  @Override
  public void close() {
    parts.forEach(CallbackCapture::close);
  }
}
