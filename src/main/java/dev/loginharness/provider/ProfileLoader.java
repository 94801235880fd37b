package dev.loginharness.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.oauth.ClientAuth;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a provider profile: a JSON file given by path, or a built-in by name
 * ({@code src/main/resources/providers/NAME.json}).
 *
 * <p>Strict on purpose: an unknown field is an error naming it (a typo such as
 * {@code tokenEndpont} would otherwise silently drop a setting), and so is a missing required one.
 */
public final class ProfileLoader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> FIELDS = Set.of(
      "name", "authorizationEndpoint", "tokenEndpoint", "clientId", "clientSecret",
      "clientSecretEnv", "clientAuth", "redirectUri", "callbackAliases", "scopes",
      "authorizationParams", "tokenParams", "headers", "login");
  private static final Set<String> LOGIN_FIELDS = Set.of("username", "password", "submit", "consent");

  private ProfileLoader() {}

  /** A path to a JSON file if one exists there, else the name of a built-in profile. */
  public static ProviderProfile load(String pathOrName) throws ConfigException {
    Path path = Path.of(pathOrName);
    if (Files.isRegularFile(path)) {
      try {
        return parse(Files.readString(path), path.toString());
      } catch (NoSuchFileException e) {
        throw new ConfigException("provider file not found: " + pathOrName);
      } catch (IOException e) {
        throw new ConfigException("cannot read provider file " + pathOrName + ": " + e.getMessage());
      }
    }
    try (InputStream in = ProfileLoader.class.getResourceAsStream(
        "/providers/" + pathOrName + ".json")) {
      if (in == null || !pathOrName.matches("[a-z0-9-]+")) {
        throw new ConfigException("provider '" + pathOrName
            + "' is neither a readable JSON file nor a built-in profile");
      }
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
          "built-in " + pathOrName);
    } catch (IOException e) {
      throw new ConfigException("cannot read built-in provider " + pathOrName);
    }
  }

  /** Parses profile JSON; {@code source} names it in error messages. */
  public static ProviderProfile parse(String json, String source) throws ConfigException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ConfigException("provider " + source + ": not valid JSON (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException("provider " + source + ": expected a JSON object");
    }
    Fields f = new Fields(root, source, "");
    f.rejectUnknown(FIELDS);
    if (f.has("clientSecret") && f.has("clientSecretEnv")) {
      throw new ConfigException("provider " + source
          + ": give either clientSecret or clientSecretEnv, not both");
    }
    Optional<String> secret = f.optionalText("clientSecret");
    Optional<String> secretEnv = f.optionalText("clientSecretEnv");
    ClientAuth defaultAuth = secret.isPresent() || secretEnv.isPresent() ? ClientAuth.POST : ClientAuth.NONE;
    ClientAuth auth;
    try {
      auth = f.optionalText("clientAuth").map(ClientAuth::parse).orElse(defaultAuth);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("provider " + source + ": " + e.getMessage());
    }
    if (auth != ClientAuth.NONE && secret.isEmpty() && secretEnv.isEmpty()) {
      throw new ConfigException("provider " + source + ": clientAuth '"
          + auth.name().toLowerCase() + "' needs clientSecret or clientSecretEnv");
    }
    String redirectUri = f.requiredText("redirectUri");
    f.uri("redirectUri", redirectUri);
    List<String> aliases = f.stringList("callbackAliases");
    for (String alias : aliases) {
      f.uri("callbackAliases", alias);
    }
    Fields login = f.object("login");
    login.rejectUnknown(LOGIN_FIELDS);
    return new ProviderProfile(
        f.optionalText("name").orElse(source),
        f.uri("authorizationEndpoint", f.requiredText("authorizationEndpoint")),
        f.uri("tokenEndpoint", f.requiredText("tokenEndpoint")),
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
        new LoginHints(login.optionalText("username"), login.optionalText("password"),
            login.optionalText("submit"), login.optionalText("consent")));
  }

  /** Typed access to one JSON object's fields, with errors that name the field and the file. */
  private record Fields(JsonNode node, String source, String prefix) {
    boolean has(String name) {
      return node.has(name);
    }

    void rejectUnknown(Set<String> known) throws ConfigException {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!known.contains(name)) {
          throw new ConfigException("provider " + source + ": unknown field '" + prefix + name
              + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
        }
      }
    }

    String requiredText(String name) throws ConfigException {
      return optionalText(name).orElseThrow(() -> new ConfigException(
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
        throw new ConfigException("provider " + source + ": field '" + prefix + name
            + "' is not an absolute URI: " + value);
      }
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

    private ConfigException wrongType(String name, String expected) {
      return new ConfigException("provider " + source + ": field '" + prefix + name
          + "' must be " + expected);
    }
  }
}
