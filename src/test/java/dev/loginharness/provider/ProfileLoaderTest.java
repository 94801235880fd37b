package dev.loginharness.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loginharness.browser.FormHints;
import dev.loginharness.oauth.ClientAuth;
import dev.loginharness.oauth.ResponseType;
import dev.loginharness.oauth.StateBinding;
import dev.loginharness.oauth.TokenEndpoint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileLoaderTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final String FULL =
      """
      {
        "name": "pixiv",
        "authorizationEndpoint": "https://app-api.pixiv.net/web/v1/login",
        "tokenEndpoint": "https://oauth.secure.pixiv.net/auth/token",
        "clientId": "MOBrBDS8blbauoSck0ZfDbtuzpyT",
        "clientSecret": "lsACyCD94FhDUtGTXi3QzcFE2uU1hqtDaKeqrdwj",
        "clientAuth": "basic",
        "redirectUri": "https://app-api.pixiv.net/web/v1/users/auth/pixiv/callback",
        "callbackAliases": ["pixiv://account/login"],
        "scopes": ["openid", "profile"],
        "authorizationParams": {"client": "pixiv-android"},
        "tokenParams": {"include_policy": "true"},
        "headers": {"User-Agent": "PixivAndroidApp/5.0.234"},
        "login": {
          "username": "input[autocomplete=username]",
          "password": "input[type=password]",
          "submit": "button[type=submit]",
          "consent": "#approve"
        }
      }
      """;

  /** The smallest valid profile: only the required fields. */
  private static ObjectNode minimal() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("authorizationEndpoint", "https://auth.example.com/authorize");
    node.put("tokenEndpoint", "https://auth.example.com/token");
    node.put("clientId", "client-1");
    node.put("redirectUri", "http://127.0.0.1:9/callback");
    return node;
  }

  private static ProviderProfile parse(ObjectNode node) throws ConfigException {
    return ProfileLoader.parse(node.toString(), "test.json");
  }

  private static String parseError(ObjectNode node) {
    return assertThrows(ConfigException.class, () -> parse(node)).getMessage();
  }

  private static String parseError(String json) {
    return assertThrows(ConfigException.class, () -> ProfileLoader.parse(json, "test.json"))
        .getMessage();
  }

  private static void assertContains(String expected, String message) {
    assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
  }

  /**
   * Issue 16: a redirect URI a browser would run or render itself leads nowhere a client listens.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "javascript:alert(document.cookie)",
        "JavaScript:void(0)",
        "data:text/html,<b>x</b>",
        "vbscript:x"
      })
  void aRedirectUriThatRunsInTheBrowserIsRefused(String uri) {
    ObjectNode redirect = minimal().put("redirectUri", uri);
    ObjectNode alias = minimal();
    alias.putArray("callbackAliases").add(uri);

    String scheme = uri.substring(0, uri.indexOf(':')).toLowerCase(java.util.Locale.ROOT);
    assertEquals(
        "provider test.json: field 'redirectUri' uses the "
            + scheme
            + ": scheme, which runs in the browser instead of leading back to the client; use"
            + " http(s) or an app's own scheme",
        parseError(redirect));
    assertContains("field 'callbackAliases' uses the " + scheme + ": scheme", parseError(alias));
  }

  @Test
  void fullProfileParsesIntoEveryField() throws ConfigException {
    ProviderProfile p = ProfileLoader.parse(FULL, "test.json");

    assertEquals("pixiv", p.name());
    assertEquals(URI.create("https://app-api.pixiv.net/web/v1/login"), p.authorizationEndpoint());
    assertEquals(URI.create("https://oauth.secure.pixiv.net/auth/token"), p.tokenEndpoint());
    assertEquals("MOBrBDS8blbauoSck0ZfDbtuzpyT", p.clientId());
    assertEquals(Optional.of("lsACyCD94FhDUtGTXi3QzcFE2uU1hqtDaKeqrdwj"), p.clientSecret());
    assertEquals(Optional.empty(), p.clientSecretEnv());
    assertEquals(ClientAuth.BASIC, p.clientAuth());
    assertEquals("https://app-api.pixiv.net/web/v1/users/auth/pixiv/callback", p.redirectUri());
    assertEquals(List.of("pixiv://account/login"), p.callbackAliases());
    assertEquals(List.of("openid", "profile"), p.scopes());
    assertEquals(Map.of("client", "pixiv-android"), p.authorizationParams());
    assertEquals(Map.of("include_policy", "true"), p.tokenParams());
    assertEquals(Map.of("User-Agent", "PixivAndroidApp/5.0.234"), p.headers());
    assertEquals(
        new FormHints(
            Optional.of("input[autocomplete=username]"),
            Optional.of("input[type=password]"),
            Optional.empty(),
            Optional.of("button[type=submit]"),
            Optional.of("#approve"),
            Optional.empty(),
            List.of(),
            false,
            FormHints.Typing.INSERT),
        p.login());
  }

  @Test
  void minimalProfileGetsDefaults() throws ConfigException {
    ProviderProfile p = parse(minimal());

    assertEquals("test.json", p.name());
    assertEquals(List.of(), p.scopes());
    assertEquals(List.of(), p.callbackAliases());
    assertEquals(Map.of(), p.tokenParams());
    assertEquals(FormHints.NONE, p.login());
  }

  @Test
  void unknownFieldIsNamed() {
    ObjectNode node = minimal();
    node.put("tokenEndpont", "https://typo.example.com/token");

    assertContains("'tokenEndpont'", parseError(node));
  }

  @Test
  void unknownLoginFieldIsNamedWithPrefix() {
    ObjectNode node = minimal();
    node.putObject("login").put("user", "#u");

    assertContains("'login.user'", parseError(node));
  }

  @ParameterizedTest
  @ValueSource(strings = {"clientId", "redirectUri", "authorizationEndpoint", "tokenEndpoint"})
  void missingRequiredFieldIsNamed(String field) {
    ObjectNode node = minimal();
    node.remove(field);

    String message = parseError(node);
    assertContains("missing", message);
    assertContains("'" + field + "'", message);
  }

  @Test
  void blankRequiredFieldCountsAsMissing() {
    ObjectNode node = minimal();
    node.put("clientId", "  ");

    assertContains("'clientId'", parseError(node));
  }

  @Test
  void clientSecretAndClientSecretEnvTogetherAreRejected() {
    ObjectNode node = minimal();
    node.put("clientSecret", "s");
    node.put("clientSecretEnv", "MY_SECRET");

    String message = parseError(node);
    assertContains("clientSecret", message);
    assertContains("clientSecretEnv", message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic", "post"})
  void confidentialClientAuthWithoutSecretIsRejected(String auth) {
    ObjectNode node = minimal();
    node.put("clientAuth", auth);

    assertContains("'" + auth + "' needs clientSecret", parseError(node));
  }

  @Test
  void invalidClientAuthValueIsRejected() {
    ObjectNode node = minimal();
    node.put("clientAuth", "jwt");

    String message = parseError(node);
    assertContains("'jwt'", message);
    assertContains("none, post or basic", message);
  }

  @Test
  void clientAuthDefaultsToNoneWithoutSecret() throws ConfigException {
    assertEquals(ClientAuth.NONE, parse(minimal()).clientAuth());
  }

  @Test
  void clientAuthDefaultsToPostWithSecret() throws ConfigException {
    ObjectNode literal = minimal();
    literal.put("clientSecret", "s");
    ObjectNode fromEnv = minimal();
    fromEnv.put("clientSecretEnv", "MY_SECRET");

    assertEquals(ClientAuth.POST, parse(literal).clientAuth());
    assertEquals(ClientAuth.POST, parse(fromEnv).clientAuth());
  }

  @Test
  void clientAuthAcceptsRfcNamesCaseInsensitively() throws ConfigException {
    ObjectNode node = minimal();
    node.put("clientSecret", "s");
    node.put("clientAuth", "Client_Secret_Basic");

    assertEquals(ClientAuth.BASIC, parse(node).clientAuth());
  }

  @Test
  void scopesAsStringIsWrongType() {
    ObjectNode node = minimal();
    node.put("scopes", "openid profile");

    String message = parseError(node);
    assertContains("'scopes'", message);
    assertContains("array", message);
  }

  @Test
  void nonStringScopeItemIsWrongType() {
    ObjectNode node = minimal();
    node.putArray("scopes").add("openid").add(7);

    assertContains("'scopes'", parseError(node));
  }

  @Test
  void clientIdAsNumberIsWrongType() {
    ObjectNode node = minimal();
    node.put("clientId", 12345);

    assertContains("'clientId' must be a string", parseError(node));
  }

  @Test
  void headersAsArrayIsWrongType() {
    ObjectNode node = minimal();
    node.putArray("headers").add("User-Agent: x");

    assertContains("'headers'", parseError(node));
  }

  @Test
  void nestedObjectAsHeaderValueIsNamed() {
    ObjectNode node = minimal();
    node.putObject("headers").putObject("User-Agent");

    assertContains("'headers.User-Agent'", parseError(node));
  }

  @Test
  void loginAsStringIsWrongType() {
    ObjectNode node = minimal();
    node.put("login", "#user");

    assertContains("'login'", parseError(node));
  }

  @Test
  void invalidJsonReportsLineNumber() {
    String json = "{\n  \"clientId\": \"c\",\n  \"redirectUri\": \n}\n";

    String message = parseError(json);
    assertContains("not valid JSON", message);
    assertContains("line 4", message);
  }

  @Test
  void jsonThatIsNotAnObjectIsRejected() {
    assertContains("JSON object", parseError("[1, 2]"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tokenEndpoint", "authorizationEndpoint", "redirectUri"})
  void relativeUriIsRejected(String field) {
    ObjectNode node = minimal();
    node.put(field, "auth.example.com/path");

    String message = parseError(node);
    assertContains("'" + field + "'", message);
    assertContains("absolute URI", message);
  }

  @Test
  void unparseableUriIsRejected() {
    ObjectNode node = minimal();
    node.put("tokenEndpoint", "https://exa mple.com/token");

    assertContains("'tokenEndpoint'", parseError(node));
  }

  @Test
  void relativeCallbackAliasIsRejected() {
    ObjectNode node = minimal();
    node.putArray("callbackAliases").add("account/login");

    assertContains("'callbackAliases'", parseError(node));
  }

  @Test
  void loadReadsProfileFromFilePath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("my-provider.json");
    Files.writeString(file, FULL);

    ProviderProfile p = ProfileLoader.load(file.toString());

    assertEquals("pixiv", p.name());
    assertEquals(ClientAuth.BASIC, p.clientAuth());
  }

  @Test
  void loadNamesTheFileInParseErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"clientId\": \"c\"}");

    String message =
        assertThrows(ConfigException.class, () -> ProfileLoader.load(file.toString())).getMessage();
    assertContains(file.toString(), message);
  }

  @Test
  void loadOfUnknownNameMentionsIt() {
    String message =
        assertThrows(ConfigException.class, () -> ProfileLoader.load("no-such-provider-xyz"))
            .getMessage();

    assertContains("no-such-provider-xyz", message);
  }

  @Test
  void loadOfMissingPathMentionsIt(@TempDir Path dir) {
    String missing = dir.resolve("absent.json").toString();

    String message =
        assertThrows(ConfigException.class, () -> ProfileLoader.load(missing)).getMessage();
    assertContains(missing, message);
  }

  @Test
  void tokenEndpointResolvesSecretFromEnvironment() throws ConfigException {
    ObjectNode node = minimal();
    node.put("clientSecretEnv", "MY_SECRET");
    node.put("clientAuth", "basic");
    node.putObject("tokenParams").put("include_policy", "true");
    node.putObject("headers").put("User-Agent", "ua");
    ProviderProfile p = parse(node);

    TokenEndpoint endpoint = p.tokenEndpoint(Map.of("MY_SECRET", "from-env")::get);

    assertEquals("from-env", endpoint.clientSecret().orElseThrow().reveal());
    assertEquals(ClientAuth.BASIC, endpoint.auth());
    assertEquals(URI.create("https://auth.example.com/token"), endpoint.uri());
    assertEquals("client-1", endpoint.clientId());
    assertEquals(Map.of("include_policy", "true"), endpoint.extraParams());
    assertEquals(Map.of("User-Agent", "ua"), endpoint.headers());
  }

  @Test
  void tokenEndpointUsesLiteralSecretWithoutConsultingEnvironment() throws ConfigException {
    ObjectNode node = minimal();
    node.put("clientSecret", "literal");
    ProviderProfile p = parse(node);

    TokenEndpoint endpoint =
        p.tokenEndpoint(
            name -> {
              throw new AssertionError("environment consulted for " + name);
            });

    assertEquals("literal", endpoint.clientSecret().orElseThrow().reveal());
  }

  @ParameterizedTest
  @ValueSource(strings = {"unset", ""})
  void tokenEndpointNamesUnsetOrEmptySecretVariable(String value) throws ConfigException {
    ObjectNode node = minimal();
    node.put("clientSecretEnv", "MY_SECRET");
    ProviderProfile p = parse(node);
    Map<String, String> env = value.equals("unset") ? Map.of() : Map.of("MY_SECRET", value);

    String message =
        assertThrows(ConfigException.class, () -> p.tokenEndpoint(env::get)).getMessage();
    assertContains("MY_SECRET", message);
  }

  @Test
  void tokenParamOverridingCoreParamIsConfigError() throws ConfigException {
    ObjectNode node = minimal();
    node.putObject("tokenParams").put("redirect_uri", "https://evil.example.com");
    ProviderProfile p = parse(node);

    String message =
        assertThrows(ConfigException.class, () -> p.tokenEndpoint(Map.<String, String>of()::get))
            .getMessage();
    assertContains("'redirect_uri'", message);
  }

  @Test
  void loginStepsAreCheckedWhenTheProfileLoads() {
    ObjectNode fillWithoutValue = minimal();
    fillWithoutValue.putObject("login").putArray("steps").addObject().put("fill", "#user");
    assertTrue(
        stepError(fillWithoutValue)
            .contains("login.steps[0].value must be username, password or otp"));

    ObjectNode both = minimal();
    both.putObject("login")
        .putArray("steps")
        .addObject()
        .put("fill", "#user")
        .put("click", "#go")
        .put("value", "username");
    assertTrue(stepError(both).contains("login.steps[0] needs exactly one of 'fill' and 'click'"));

    ObjectNode unknown = minimal();
    unknown.putObject("login").putArray("steps").addObject().put("click", "#go").put("wait", "1");
    assertTrue(
        stepError(unknown).contains("unknown field 'login.steps[0].wait'"), stepError(unknown));
  }

  private static String stepError(ObjectNode node) {
    return assertThrows(ConfigException.class, () -> parse(node)).getMessage();
  }

  @Test
  void loginStepsParse() throws ConfigException {
    ObjectNode node = minimal();
    var steps = node.putObject("login").putArray("steps");
    steps.addObject().put("fill", "#user").put("value", "username");
    steps.addObject().put("click", "#next");
    steps.addObject().put("click", "#go").put("frame", "iframe#login");

    assertEquals(
        List.of(
            new FormHints.Step(
                FormHints.Step.Action.FILL, "#user", Optional.of(FormHints.Step.Value.USERNAME)),
            new FormHints.Step(FormHints.Step.Action.CLICK, "#next", Optional.empty()),
            new FormHints.Step(
                FormHints.Step.Action.CLICK, "#go", Optional.empty(), Optional.of("iframe#login"))),
        parse(node).login().steps());
  }

  @Test
  void keepSignedInIsOffUnlessTheProfileSaysSo() throws ConfigException {
    assertFalse(parse(minimal()).login().keepSignedIn());
    ObjectNode node = minimal();
    node.putObject("login").put("keepSignedIn", true);
    assertTrue(parse(node).login().keepSignedIn());
  }

  @Test
  void valuesAreInsertedUnlessTheProfileSaysKeys() throws ConfigException {
    assertEquals(FormHints.Typing.INSERT, parse(minimal()).login().typing());
    ObjectNode keys = minimal();
    keys.putObject("login").put("typing", "keys");
    assertEquals(FormHints.Typing.KEYS, parse(keys).login().typing());
    ObjectNode other = minimal();
    other.putObject("login").put("typing", "fast");
    assertEquals(
        "provider test.json: field 'login.typing' must be insert or keys", parseError(other));
  }

  @Test
  void aStepsFrameIsASelector() {
    ObjectNode blank = minimal();
    blank.putObject("login").putArray("steps").addObject().put("click", "#go").put("frame", " ");
    assertEquals(
        "provider test.json: login.steps[0].frame must be a CSS selector for the iframe the element is in",
        stepError(blank));
    ObjectNode number = minimal();
    number.putObject("login").putArray("steps").addObject().put("click", "#go").put("frame", 1);
    assertTrue(stepError(number).contains("login.steps[0].frame"), stepError(number));
  }

  @Test
  void stateIsEchoedUnlessTheProfileSaysOtherwise() throws ConfigException {
    assertEquals(StateBinding.ECHOED, parse(minimal()).state());
    ObjectNode node = minimal();
    node.put("state", "not-echoed");
    assertEquals(StateBinding.NOT_ECHOED, parse(node).state());
  }

  @Test
  void theResponseTypeIsCodeOrToken() throws ConfigException {
    assertEquals(ResponseType.CODE, parse(minimal()).responseType());
    ObjectNode node = minimal();
    node.put("responseType", "token");
    assertEquals(ResponseType.TOKEN, parse(node).responseType());
    node.put("responseType", "id_token");
    assertEquals(
        "provider test.json: field 'responseType' must be code or token, not 'id_token'",
        parseError(node));
  }

  @Test
  void anUnknownStateRuleIsNamed() {
    ObjectNode node = minimal();
    node.put("state", "ignored");
    assertEquals(
        "provider test.json: field 'state' must be echoed or not-echoed", parseError(node));
  }

  /** docs/providers.md, "Pixiv": the client never gets its own state back. */
  @Test
  void theBuiltInPixivDoesNotExpectItsStateBack() throws ConfigException {
    assertEquals(StateBinding.NOT_ECHOED, ProfileLoader.load("pixiv").state());
  }

  /**
   * An implicit login never calls the token endpoint, so it needs no secret (legacy DeviantArt).
   */
  @Test
  void anImplicitLoginAsksForNoClientSecret(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("legacy.json"),
            "{\"extends\": \"deviantart\", \"clientId\": \"1234\", \"responseType\": \"token\","
                + " \"redirectUri\": \"https://127.0.0.1:9/cb\"}");
    ProviderProfile legacy = ProfileLoader.load(file.toString());

    TokenEndpoint endpoint = legacy.loginTokenEndpoint(name -> null);

    assertTrue(endpoint.clientSecret().isEmpty());
    // The code flow of the same provider still needs it, before any browser opens.
    ProviderProfile code =
        ProfileLoader.load(
            "deviantart",
            Map.of(
                "clientId", MAPPER.getNodeFactory().textNode("1234"),
                "redirectUri", MAPPER.getNodeFactory().textNode("https://127.0.0.1:9/cb")),
            Discoverer.NONE);
    assertContains(
        "DEVIANTART_CLIENT_SECRET is not set",
        assertThrows(ConfigException.class, () -> code.loginTokenEndpoint(name -> null))
            .getMessage());
  }
}
