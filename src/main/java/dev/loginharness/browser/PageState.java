package dev.loginharness.browser;

/**
 * What a tab's page is doing, as the browser reports it, for a form filler that must not send a
 * WebDriver command while the page is being replaced: chromedriver would hold the command — and
 * with it the whole session, which a {@link SharedBrowser}'s logins share — until the next page
 * is there.
 */
public interface PageState {
  /** Nothing is known: every moment is a good one for a command. */
  PageState UNKNOWN = new PageState() {
    @Override
    public boolean loading() {
      return false;
    }

    @Override
    public void expectNavigation() {
    }

    @Override
    public long navigations() {
      return 0;
    }
  };

  /** A navigation is under way (or was just asked for) and its page is not parsed yet. */
  boolean loading();

  /** Called just before something that will probably navigate: opening a page, a submit. */
  void expectNavigation();

  /** How many navigations of the tab have started so far. */
  long navigations();
}
