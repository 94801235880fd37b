package dev.loginharness.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider.Lock;

class AccountLocksTest {
  @SuppressWarnings("unused")
  static class Fixture {
    @HarnessToken(provider = "pixiv", account = "ci-1")
    String field;

    void one(@HarnessToken(provider = "deviantart", account = "bot") String token, int other) {}

    void none(String plain) {}
  }

  @Test
  void testsOfOneAccountShareALockAndOthersDoNot() throws Exception {
    AccountLocks locks = new AccountLocks();

    assertEquals(
        Set.of(new Lock("login-harness:pixiv/ci-1", ResourceAccessMode.READ_WRITE)),
        locks.provideForClass(Fixture.class));
    assertEquals(
        Set.of(new Lock("login-harness:deviantart/bot", ResourceAccessMode.READ_WRITE)),
        locks.provideForMethod(
            List.of(),
            Fixture.class,
            Fixture.class.getDeclaredMethod("one", String.class, int.class)));
    assertEquals(
        Set.of(),
        locks.provideForMethod(
            List.of(), Fixture.class, Fixture.class.getDeclaredMethod("none", String.class)));
  }
}
