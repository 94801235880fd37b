package dev.loginharness.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.browser.Credentials;
import dev.loginharness.provider.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountsFileTest {
  private static final Path BASE = Path.of("/accounts-dir");

  @TempDir Path dir;

  @Test
  void csvWithEveryColumnEmptyCellsAndQuotes() throws Exception {
    List<AccountSpec> accounts =
        parse(
            """
        account,username,password_env,password_file,totp_secret_env
        main,alice@example.com,ALICE_PASS,,ALICE_TOTP
        alt, "bob, the second" ,,secrets/bob.txt,

        third,"c""arol",C_PASS
        """);

    assertEquals(3, accounts.size());
    AccountSpec main = accounts.get(0);
    assertEquals("main", main.account());
    assertEquals("alice@example.com", main.username());
    assertEquals(Optional.of("ALICE_PASS"), main.passwordEnv());
    assertEquals(Optional.of("ALICE_TOTP"), main.totpSecretEnv());
    assertEquals("accounts.csv line 2", main.where());
    AccountSpec alt = accounts.get(1);
    assertEquals("bob, the second", alt.username());
    assertEquals(Optional.of(BASE.resolve("secrets/bob.txt")), alt.passwordFile());
    assertEquals(Optional.empty(), alt.totpSecretEnv());
    assertEquals("c\"arol", accounts.get(2).username());
    assertEquals("accounts.csv line 5", accounts.get(2).where(), "blank lines still count");
  }

  @Test
  void csvColumnsInAnyOrderWithCrlfAndBom() throws Exception {
    List<AccountSpec> accounts = parse("\uFEFFpassword_env,username,account\r\nP,alice,a\r\n");

    assertEquals(1, accounts.size());
    assertEquals("a", accounts.get(0).account());
    assertEquals(Optional.of("P"), accounts.get(0).passwordEnv());
  }

  @Test
  void jsonArrayWithNullsAndMissingKeys() throws Exception {
    List<AccountSpec> accounts =
        AccountsFile.parse(
            """
          [ {"account": "a1", "username": "alice", "password_env": "A1_PASS", "totp_secret_env": null},
            {"account": "a2", "username": "bob", "password_file": "/run/secrets/bob", "password_env": ""} ]
        """,
            "accounts.json",
            BASE);

    assertEquals(2, accounts.size());
    assertEquals("accounts.json [0]", accounts.get(0).where());
    assertEquals(Optional.empty(), accounts.get(0).totpSecretEnv());
    assertEquals(Optional.of(Path.of("/run/secrets/bob")), accounts.get(1).passwordFile());
    assertEquals(Optional.empty(), accounts.get(1).passwordEnv());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "account,username,password_env\\na1,,P | accounts.csv line 2: username is required",
        "account,username,password_env\\n,alice,P | accounts.csv line 2: account is required",
        "account,username\\na1,alice | accounts.csv line 2: password_env or password_file is required",
        "account,username,password_env,password_file\\na1,alice,P,f | accounts.csv line 2: password_env and password_file both given; use one",
        "account,username,password\\na1,alice,x | accounts.csv line 1: unknown column 'password' (known: account, username, password_env, password_file, totp_secret_env)",
        "account,password_env\\na1,P | accounts.csv line 1: no username column in the header",
        "account,username,account\\n | accounts.csv line 1: column account twice",
        "account,username,password_env\\na1,alice,P,extra | accounts.csv line 2: 4 cells, but the header has 3",
        "account,username,password_env\\na1,alice,P\\na1,bob,Q | accounts.csv line 3: account a1 again (first at line 2)",
        "account,username,password_env\\n\"a1,alice,P | accounts.csv line 2: a quoted cell is never closed",
        "account,username,password_env\\n\"a1\"x,alice,P | accounts.csv line 2: text after a closing quote",
        "account,username,password_env | accounts.csv: no accounts in it",
        "'  ' | accounts.csv: empty; expected a header row (account,username,password_env,password_file,totp_secret_env) or a JSON array",
        "[] | accounts.csv: no accounts in it",
        "[{\"account\":\"a\",\"username\":\"u\",\"password_env\":\"P\"},42] | accounts.csv [1]: not an object",
        "[{\"account\":\"a\",\"username\":7,\"password_env\":\"P\"}] | accounts.csv [0]: username must be a string",
        "[{\"account\":\"a\",\"username\":\"u\",\"password\":\"P\"}] | accounts.csv [0]: unknown key 'password' (known: account, username, password_env, password_file, totp_secret_env)",
        "[{\"account\":\"a\",\"username\":\"u\"}] | accounts.csv [0]: password_env or password_file is required",
        "'[{\"account\":\"a\",\\n  \"username\" \"u\"}]' | accounts.csv: not valid JSON at line 2, column 14",
      })
  void aBadFileIsOneMessageNamingLineOrIndexAndField(String text, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(text.replace("\\n", "\n")));
    assertEquals(message, e.getMessage());
  }

  @Test
  void aSecretInTheWrongPlaceIsNeverQuoted() {
    String secret = "hunter2-Secret!";
    for (String text :
        List.of(
            "account,username,password_env\na1,alice," + secret,
            "[{\"account\":\"a\",\"username\":\"u\",\"password_env\":\"" + secret + "\"}]",
            "[{\"account\":\"a\",\"username\":\"u\",\"password_env\":" + secret + "}]")) {
      ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
  }

  @Test
  void credentialsComeFromTheEnvironmentOrTheFileAndMessagesNameOnlyTheSource() throws Exception {
    Files.writeString(dir.resolve("bob.txt"), "bob-Password-1\nignored\n");
    Path file =
        Files.writeString(
            dir.resolve("accounts.csv"),
            """
        account,username,password_env,password_file,totp_secret_env
        a,alice,A_PASS,,A_TOTP
        b,bob,,bob.txt,
        """);
    List<AccountSpec> accounts = AccountsFile.read(file);

    Credentials alice =
        accounts
            .get(0)
            .credentials(Map.of("A_PASS", "alice-Password-1", "A_TOTP", "JBSWY3DPEHPK3PXP"));
    assertEquals("alice-Password-1", alice.password().reveal());
    assertTrue(alice.otp().isPresent());
    assertEquals("bob-Password-1", accounts.get(1).credentials(Map.of()).password().reveal());

    ConfigException unset =
        assertThrows(
            ConfigException.class,
            () -> accounts.get(0).credentials(Map.of("A_TOTP", "JBSWY3DPEHPK3PXP")));
    assertEquals(file + " line 2: password_env A_PASS is not set or empty", unset.getMessage());
    ConfigException badTotp =
        assertThrows(
            ConfigException.class,
            () ->
                accounts.get(0).credentials(Map.of("A_PASS", "pw", "A_TOTP", "not*base32*Secret")));
    assertTrue(
        badTotp.getMessage().startsWith(file + " line 2: totp_secret_env A_TOTP: "),
        badTotp.getMessage());
    assertFalse(badTotp.getMessage().contains("not*base32"), badTotp.getMessage());
    Files.delete(dir.resolve("bob.txt"));
    ConfigException missing =
        assertThrows(ConfigException.class, () -> accounts.get(1).credentials(Map.of()));
    assertTrue(
        missing
            .getMessage()
            .startsWith(
                file + " line 3: password_file " + dir.resolve("bob.txt") + ": cannot read it"),
        missing.getMessage());
  }

  @Test
  void anUnreadableFileIsAConfigError() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> AccountsFile.read(dir.resolve("nope.csv")));
    assertTrue(
        e.getMessage().startsWith("--accounts " + dir.resolve("nope.csv") + ": cannot read it"),
        e.getMessage());
  }

  private static List<AccountSpec> parse(String text) throws ConfigException {
    return AccountsFile.parse(text, "accounts.csv", BASE);
  }
}
