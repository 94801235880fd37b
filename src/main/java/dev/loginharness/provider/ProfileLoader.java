package dev.loginharness.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loginharness.browser.FormHints;
import dev.loginharness.oauth.ClientAuth;
import dev.loginharness.oauth.Discovery;
import dev.loginharness.oauth.ResponseType;
import dev.loginharness.oauth.StateBinding;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a provider profile: a JSON file given by path, or a built-in by name ({@code
 * src/main/resources/providers/NAME.json}).
 *
 * <p>Strict on purpose: an unknown field is an error naming it (a typo such as {@code tokenEndpont}
 * would otherwise silently drop a setting), and so is a missing required one.
 */
public final class ProfileLoader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "extends",
          "issuer",
          "authorizationEndpoint",
          "tokenEndpoint",
          "revocationEndpoint",
          "checkEndpoint",
          "clientId",
          "clientSecret",
          "clientSecretEnv",
          "clientAuth",
          "redirectUri",
          "callbackAliases",
          "scopes",
          "responseType",
          "revokeRefreshOnly",
          "authorizationParams",
          "tokenParams",
          "headers",
          "login",
          "state");

  /** The built-in profiles, as listed by {@code login-harness providers}. */
  public static final List<String> BUILT_INS = List.of("pixiv", "deviantart");

  private static final Set<String> LOGIN_FIELDS =
      Set.of(
          "username",
          "password",
          "otp",
          "submit",
          "consent",
          "challenge",
          "steps",
          "keepSignedIn",
          "typing");
  private static final Set<String> STEP_FIELDS = Set.of("fill", "click", "value", "frame");

  private ProfileLoader() {}

  /** A path to a JSON file if one exists there, else the name of a built-in profile. */
  public static ProviderProfile load(String pathOrName) throws ConfigException {
    return load(pathOrName, Map.of(), Discoverer.oidc());
  }

  /**
   * Loads a profile and completes it.
   *
   * @param overrides fields set on the command line ({@code --client-id} …), applied last
   * @param discoverer fills the endpoints of a profile that names an {@code issuer}
   */
  public static ProviderProfile load(
      String pathOrName, Map<String, JsonNode> overrides, Discoverer discoverer)
      throws ConfigException {
    Source source = read(pathOrName);
    ObjectNode merged = resolveExtends(source, 0);
    overrides.forEach(
        (k, v) -> {
          if (v == null || v.isNull()) {
            merged.remove(k);
          } else {
            merged.set(k, v);
          }
        });
    return complete(merged, source.name(), source.defaultName(), discoverer);
  }

  /**
   * A profile from command-line fields alone ({@code --issuer … --client-id …}), named after the
   * issuer's host unless {@code name} is among them.
   */
  public static ProviderProfile fromFields(Map<String, JsonNode> fields, Discoverer discoverer)
      throws ConfigException {
    ObjectNode node = JSON.createObjectNode();
    fields.forEach(
        (k, v) -> {
          if (v != null && !v.isNull()) {
            node.set(k, v);
          }
        });
    String defaultName =
        Optional.ofNullable(fields.get("issuer"))
            .map(n -> URI.create(n.asText()).getHost())
            .orElse("command-line");
    return complete(node, "given by flags", defaultName, discoverer);
  }

  /** The raw JSON of a built-in profile, for {@code providers} and for users to copy. */
  public static String builtInJson(String name) throws ConfigException {
    return read(name).json().toPrettyString();
  }

  /**
   * @param name for messages; @param defaultName the profile's name when it gives none
   */
  private record Source(ObjectNode json, String name, String defaultName) {}

  private static Source read(String pathOrName) throws ConfigException {
    Path path = Path.of(pathOrName);
    String text;
    String name;
    String defaultName;
    if (Files.isRegularFile(path)) {
      try {
        text = Files.readString(path);
      } catch (IOException e) {
        throw new ConfigException(
            "cannot read provider file " + pathOrName + ": " + e.getMessage());
      }
      name = path.toString();
      defaultName = path.getFileName().toString().replaceFirst("\\.json$", "");
    } else {
      if (!pathOrName.matches("[a-z0-9-]+")) {
        throw new ConfigException("provider file not found: " + pathOrName);
      }
      try (InputStream in =
          ProfileLoader.class.getResourceAsStream("/providers/" + pathOrName + ".json")) {
        if (in == null) {
          throw new ConfigException(
              "provider '"
                  + pathOrName
                  + "' is neither a readable JSON file "
                  + "nor a built-in profile (built-ins: "
                  + String.join(", ", BUILT_INS)
                  + ")");
        }
        text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException("cannot read built-in provider " + pathOrName);
      }
      name = "built-in " + pathOrName;
      defaultName = pathOrName;
    }
    return new Source(object(text, name), name, defaultName);
  }

  private static ObjectNode object(String json, String source) throws ConfigException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "provider "
              + source
              + ": not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException("provider " + source + ": expected a JSON object");
    }
    return (ObjectNode) root;
  }

  /**
   * {@code "extends": "pixiv"}: the built-in's fields, then this file's on top. Each top-level
   * field replaces the parent's whole (a {@code login} object replaces the parent's {@code login});
   * {@code null} removes the parent's value.
   */
  private static ObjectNode resolveExtends(Source source, int depth) throws ConfigException {
    ObjectNode own = source.json().deepCopy();
    JsonNode parentName = own.remove("extends");
    if (parentName == null || parentName.isNull()) {
      return own;
    }
    if (!parentName.isTextual() || depth > 4) {
      throw new ConfigException(
          "provider "
              + source.name()
              + ": 'extends' must name a built-in profile ("
              + String.join(", ", BUILT_INS)
              + ")");
    }
    if (!BUILT_INS.contains(parentName.asText())) {
      throw new ConfigException(
          "provider "
              + source.name()
              + ": 'extends' names '"
              + parentName.asText()
              + "', which is not a built-in profile ("
              + String.join(", ", BUILT_INS)
              + ")");
    }
    ObjectNode merged = resolveExtends(read(parentName.asText()), depth + 1);
    for (Iterator<Map.Entry<String, JsonNode>> it = own.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        merged.remove(e.getKey());
      } else {
        merged.set(e.getKey(), e.getValue());
      }
    }
    return merged;
  }

  /**
   * Parses a complete profile ({@code extends} and {@code issuer} need {@link #load}); {@code
   * source} names it in error messages.
   */
  public static ProviderProfile parse(String json, String source) throws ConfigException {
    return complete(object(json, source), source, source, Discoverer.NONE);
  }

  private static ProviderProfile complete(
      ObjectNode root, String source, String defaultName, Discoverer discoverer)
      throws ConfigException {
    Fields f = new Fields(root, source, "");
    f.rejectUnknown(FIELDS);
    if (f.has("clientSecret") && f.has("clientSecretEnv")) {
      throw new ConfigException(
          "provider " + source + ": give either clientSecret or clientSecretEnv, not both");
    }
    Optional<String> secret = f.optionalText("clientSecret");
    Optional<String> secretEnv = f.optionalText("clientSecretEnv");
    ClientAuth defaultAuth =
        secret.isPresent() || secretEnv.isPresent() ? ClientAuth.POST : ClientAuth.NONE;
    ClientAuth auth;
    try {
      auth = f.optionalText("clientAuth").map(ClientAuth::parse).orElse(defaultAuth);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("provider " + source + ": " + e.getMessage());
    }
    if (auth != ClientAuth.NONE && secret.isEmpty() && secretEnv.isEmpty()) {
      throw new ConfigException(
          "provider "
              + source
              + ": clientAuth '"
              + auth.name().toLowerCase()
              + "' needs clientSecret or clientSecretEnv");
    }
    String redirectUri = f.requiredText("redirectUri");
    f.redirectUri("redirectUri", redirectUri);
    List<String> aliases = f.stringList("callbackAliases");
    for (String alias : aliases) {
      f.redirectUri("callbackAliases", alias);
    }
    Fields login = f.object("login");
    login.rejectUnknown(LOGIN_FIELDS);
    if (root.has("extends")) {
      throw new ConfigException(
          "provider " + source + ": 'extends' is only read from profile files");
    }
    Optional<URI> issuer = f.optionalUri("issuer");
    Optional<URI> authorization = f.optionalUri("authorizationEndpoint");
    Optional<URI> token = f.optionalUri("tokenEndpoint");
    Optional<URI> revocation = f.optionalUri("revocationEndpoint");
    Optional<URI> check = f.optionalUri("checkEndpoint");
    if (issuer.isPresent() && (authorization.isEmpty() || token.isEmpty())) {
      Discovery.Document doc = discoverer.discover(issuer.get());
      authorization = authorization.or(() -> Optional.of(doc.authorizationEndpoint()));
      token = token.or(() -> Optional.of(doc.tokenEndpoint()));
      revocation = revocation.or(doc::revocationEndpoint);
      check = check.or(doc::userinfoEndpoint);
    }
    String responseText = f.optionalText("responseType").orElse("code");
    ResponseType responseType =
        ResponseType.parse(responseText)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "provider "
                            + source
                            + ": field 'responseType' must be code or token, not '"
                            + responseText
                            + "'"));
    Optional<String> typingText = login.optionalText("typing");
    FormHints.Typing typing =
        typingText.isEmpty()
            ? FormHints.Typing.INSERT
            : FormHints.Typing.parse(typingText.get())
                .orElseThrow(() -> login.wrongType("typing", "insert or keys"));
    Optional<String> stateText = f.optionalText("state");
    StateBinding state =
        stateText.isEmpty()
            ? StateBinding.ECHOED
            : StateBinding.parse(stateText.get())
                .orElseThrow(() -> f.wrongType("state", "echoed or not-echoed"));
    return new ProviderProfile(
        f.optionalText("name").orElse(defaultName),
        authorization.orElseThrow(() -> f.missing("authorizationEndpoint", "or an issuer")),
        token.orElseThrow(() -> f.missing("tokenEndpoint", "or an issuer")),
        f.requiredText("clientId"),
        secret,
        secretEnv,
        auth,
        redirectUri,
        aliases,
        f.stringList("scopes"),
        f.stringMap("authorizationParams"),
        f.stringMap("tokenParams"),
        f.stringMap("headers"),
        new FormHints(
            login.optionalText("username"),
            login.optionalText("password"),
            login.optionalText("otp"),
            login.optionalText("submit"),
            login.optionalText("consent"),
            login.optionalText("challenge"),
            steps(login),
            login.bool("keepSignedIn"),
            typing),
        issuer,
        revocation,
        check,
        responseType,
        f.bool("revokeRefreshOnly"),
        state);
  }

  /** {@code login.steps}: each a fill (with a value) or a click, checked here, not mid-login. */
  private static List<FormHints.Step> steps(Fields login) throws ConfigException {
    List<FormHints.Step> steps = new ArrayList<>();
    JsonNode array = login.node().get("steps");
    if (array == null || array.isNull()) {
      return steps;
    }
    if (!array.isArray()) {
      throw login.wrongType("steps", "an array of {\"fill\": …, \"value\": …} or {\"click\": …}");
    }
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isObject()) {
        throw login.wrongType("steps[" + i + "]", "an object");
      }
      Fields step = new Fields(array.get(i), login.source(), login.prefix() + "steps[" + i + "].");
      step.rejectUnknown(STEP_FIELDS);
      Optional<String> fill = step.optionalText("fill");
      Optional<String> click = step.optionalText("click");
      Optional<String> value = step.optionalText("value");
      Optional<String> frame = step.optionalText("frame");
      if (step.has("frame") && frame.isEmpty()) {
        throw stepError(
            login, i, "].frame must be a CSS selector for the iframe the element is in");
      }
      if (fill.isPresent() == click.isPresent()) {
        throw stepError(login, i, "] needs exactly one of 'fill' and 'click'");
      }
      if (fill.isPresent()
          && !value.map(v -> Set.of("username", "password", "otp").contains(v)).orElse(false)) {
        throw stepError(login, i, "].value must be username, password or otp");
      }
      if (click.isPresent() && value.isPresent()) {
        throw stepError(login, i, "] is a click and takes no value");
      }
      steps.add(
          fill.isPresent()
              ? new FormHints.Step(
                  FormHints.Step.Action.FILL,
                  fill.get(),
                  value.map(v -> FormHints.Step.Value.valueOf(v.toUpperCase(Locale.ROOT))),
                  frame)
              : new FormHints.Step(
                  FormHints.Step.Action.CLICK, click.get(), Optional.empty(), frame));
    }
    return steps;
  }

  private static ConfigException stepError(Fields login, int i, String problem) {
    return new ConfigException(
        "provider " + login.source() + ": " + login.prefix() + "steps[" + i + problem);
  }

  /** Typed access to one JSON object's fields, with errors that name the field and the file. */
  private record Fields(JsonNode node, String source, String prefix) {
    boolean has(String name) {
      return node.hasNonNull(name);
    }

    void rejectUnknown(Set<String> known) throws ConfigException {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!known.contains(name)) {
          throw new ConfigException(
              "provider "
                  + source
                  + ": unknown field '"
                  + prefix
                  + name
                  + "' (known: "
                  + String.join(", ", new java.util.TreeSet<>(known))
                  + ")");
        }
      }
    }

    ConfigException missing(String name, String alternative) {
      return new ConfigException(
          "provider "
              + source
              + ": missing required field '"
              + prefix
              + name
              + "' ("
              + alternative
              + ")");
    }

    Optional<URI> optionalUri(String name) throws ConfigException {
      Optional<String> text = optionalText(name);
      return text.isEmpty() ? Optional.empty() : Optional.of(uri(name, text.get()));
    }

    boolean bool(String name) throws ConfigException {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return false;
      }
      if (!value.isBoolean()) {
        throw wrongType(name, "true or false");
      }
      return value.asBoolean();
    }

    String requiredText(String name) throws ConfigException {
      return optionalText(name)
          .orElseThrow(
              () ->
                  new ConfigException(
                      "provider " + source + ": missing required field '" + prefix + name + "'"));
    }

    Optional<String> optionalText(String name) throws ConfigException {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return Optional.empty();
      }
      if (!value.isTextual()) {
        throw wrongType(name, "a string");
      }
      return Optional.of(value.asText()).filter(s -> !s.isBlank());
    }

    URI uri(String name, String value) throws ConfigException {
      try {
        URI uri = new URI(value);
        if (uri.getScheme() == null) {
          throw new URISyntaxException(value, "no scheme");
        }
        return uri;
      } catch (URISyntaxException e) {
        throw invalid(name, "is not an absolute URI: " + value);
      }
    }

    /**
     * A URI the provider sends the browser to with a code. Not one that a browser runs or renders
     * itself ({@code javascript:}, {@code data:}, {@code vbscript:}): it leads nowhere a client
     * listens, and in a browser it is script of the profile author's choosing.
     */
    URI redirectUri(String name, String value) throws ConfigException {
      // Before the URI syntax: "data:text/html,<b>…" is no valid URI, but the scheme is the news.
      java.util.regex.Matcher leading =
          java.util.regex.Pattern.compile("\\s*([A-Za-z][A-Za-z0-9+.-]*):").matcher(value);
      String scheme =
          leading.lookingAt() ? leading.group(1).toLowerCase(java.util.Locale.ROOT) : "";
      if (List.of("javascript", "data", "vbscript").contains(scheme)) {
        throw invalid(
            name,
            "uses the "
                + scheme
                + ": scheme, which runs in the browser instead of leading back to the client;"
                + " use http(s) or an app's own scheme");
      }
      return uri(name, value);
    }

    List<String> stringList(String name) throws ConfigException {
      JsonNode value = node.get(name);
      List<String> result = new ArrayList<>();
      if (value == null || value.isNull()) {
        return result;
      }
      if (!value.isArray()) {
        throw wrongType(name, "an array of strings");
      }
      for (JsonNode item : value) {
        if (!item.isTextual()) {
          throw wrongType(name, "an array of strings");
        }
        result.add(item.asText());
      }
      return result;
    }

    Map<String, String> stringMap(String name) throws ConfigException {
      JsonNode value = node.get(name);
      Map<String, String> result = new LinkedHashMap<>();
      if (value == null || value.isNull()) {
        return result;
      }
      if (!value.isObject()) {
        throw wrongType(name, "an object of strings");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isValueNode() || e.getValue().isNull()) {
          throw wrongType(name + "." + e.getKey(), "a string");
        }
        result.put(e.getKey(), e.getValue().asText());
      }
      return result;
    }

    Fields object(String name) throws ConfigException {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return new Fields(JSON.createObjectNode(), source, prefix + name + ".");
      }
      if (!value.isObject()) {
        throw wrongType(name, "an object");
      }
      return new Fields(value, source, prefix + name + ".");
    }

    ConfigException wrongType(String name, String expected) {
      return invalid(name, "must be " + expected);
    }

    /** "provider SOURCE: field 'NAME' " followed by what is wrong with it. */
    ConfigException invalid(String name, String problem) {
      return new ConfigException(
          "provider " + source + ": field '" + prefix + name + "' " + problem);
    }
  }
}
