package dev.loginharness.browser;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WrapsElement;
import org.openqa.selenium.bidi.HasBiDi;

/**
 * A WebDriver that drives one tab of a browser whose session several logins use at once
 * ({@link SharedBrowser}). WebDriver classic commands act on the session's current window, so
 * every command through this driver — and through the elements, cookies and navigation it hands
 * out — first makes its tab the current window, and no other tab's command can come in between:
 * one login's form filler can never type into another login's page.
 *
 * <p>A command holds the session for as long as chromedriver takes to answer it, which is why a
 * shared browser's sessions load pages without waiting ({@code pageLoadStrategy=none}).
 * {@code quit()} and {@code close()} are refused: the tab is closed by its lease. A frame
 * switched to through {@code switchTo()} is forgotten at the next switch of tabs.
 */
final class TabDriver {
  /** The session's current window, shared by all its tabs' drivers. */
  static final class Session {
    private final WebDriver driver;
    private final String home;
    private String current;

    Session(WebDriver driver) {
      this.driver = driver;
      this.home = driver.getWindowHandle();
      this.current = home;
    }

    WebDriver driver() {
      return driver;
    }

    /** The window that was current when the session started: the browser's first tab. */
    String home() {
      return home;
    }

    /** The tab is gone: the next command of any tab must switch first. */
    synchronized void forget(String handle) {
      if (handle.equals(current)) {
        current = null;
      }
    }

    synchronized Object run(String handle, Object target, Method method, Object[] args)
        throws Throwable {
      if (!handle.equals(current)) {
        current = null;
        driver.switchTo().window(handle);
        current = handle;
      }
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  private TabDriver() {
  }

  /** A driver for the tab {@code handle} (a window handle, which chromedriver makes the BiDi context id). */
  static WebDriver of(Session session, String handle) {
    return (WebDriver) wrap(session, handle, session.driver());
  }

  private static Object wrap(Session session, String handle, Object target) {
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    collectInterfaces(target.getClass(), interfaces);
    if (target instanceof WebElement) {
      interfaces.add(WrapsElement.class);
    }
    return Proxy.newProxyInstance(TabDriver.class.getClassLoader(),
        interfaces.toArray(Class<?>[]::new), new Handler(session, handle, target));
  }

  /** The public interfaces worth wrapping: Selenium's and the JDK's, not the driver's internals. */
  private static void collectInterfaces(Class<?> type, Set<Class<?>> into) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (Modifier.isPublic(i.getModifiers())) {
          into.add(i);
          collectInterfaces(i, into);
        }
      }
    }
  }

  private record Handler(Session session, String handle, Object target) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (method.getDeclaringClass() == Object.class) {
        return switch (name) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "TabDriver[" + handle + ", " + target + "]";
        };
      }
      if (name.equals("getWrappedElement") && method.getDeclaringClass() == WrapsElement.class) {
        return target;
      }
      if (target instanceof WebDriver && (name.equals("quit") || name.equals("close"))) {
        throw new UnsupportedOperationException("a shared browser's tab is closed by its lease");
      }
      if (target instanceof WebDriver && (method.getDeclaringClass() == HasBiDi.class
          || method.getDeclaringClass() == HasCapabilities.class)) {
        // The session's, not the tab's: no switch needed.
        return invokeDirect(method, args);
      }
      Object result = session.run(handle, target, method, unwrap(args));
      return wrapResult(result);
    }

    private Object invokeDirect(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    /** Elements, and the objects commands are called on later (cookies, navigation, frames). */
    private Object wrapResult(Object result) {
      if (result == session.driver()) {
        // an element's getWrappedDriver(), a frame switch's return value
        return TabDriver.of(session, handle);
      }
      if (result instanceof WebElement
          || result instanceof WebDriver.Options
          || result instanceof WebDriver.Navigation
          || result instanceof WebDriver.TargetLocator
          || result instanceof WebDriver.Timeouts
          || result instanceof WebDriver.Window) {
        return wrap(session, handle, result);
      }
      if (result instanceof List<?> list) {
        List<Object> wrapped = new ArrayList<>(list.size());
        list.forEach(item -> wrapped.add(wrapResult(item)));
        return wrapped;
      }
      if (result instanceof Map<?, ?> map) {
        Map<Object, Object> wrapped = new LinkedHashMap<>();
        map.forEach((k, v) -> wrapped.put(k, wrapResult(v)));
        return wrapped;
      }
      return result;
    }

    private static Object[] unwrap(Object[] args) {
      if (args == null) {
        return null;
      }
      Object[] out = args.clone();
      for (int i = 0; i < out.length; i++) {
        if (out[i] instanceof Object[] nested) {
          out[i] = unwrap(nested);
        } else if (out[i] instanceof WrapsElement wraps && Proxy.isProxyClass(out[i].getClass())) {
          out[i] = wraps.getWrappedElement();
        }
      }
      return out;
    }
  }
}
