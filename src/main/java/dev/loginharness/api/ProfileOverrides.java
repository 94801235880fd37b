package dev.loginharness.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profile fields a {@link LoginHarness.Builder} sets in code, applied over the profile file's
 * (as the command line's flags are). Typed here; they become profile JSON only in {@link
 * #fields()}, for the loader, which merges them into the file before it checks the whole.
 */
record ProfileOverrides(
    Optional<String> issuer,
    Optional<String> clientId,
    Optional<String> clientSecretEnv,
    Optional<String> redirectUri,
    Optional<List<String>> scopes) {

  /** The names of the fields that are set, in the profile's order. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    issuer.ifPresent(v -> names.add("issuer"));
    clientId.ifPresent(v -> names.add("clientId"));
    clientSecretEnv.ifPresent(v -> names.add("clientSecretEnv"));
    redirectUri.ifPresent(v -> names.add("redirectUri"));
    scopes.ifPresent(v -> names.add("scopes"));
    return names;
  }

  /** Blank strings, and an issuer that is not an absolute http(s) URL, are refused. */
  void check() throws ConfigurationError {
    notBlank("issuer", issuer);
    notBlank("clientId", clientId);
    notBlank("clientSecretEnv", clientSecretEnv);
    notBlank("redirectUri", redirectUri);
    if (issuer.isPresent() && !DriverOverrides.isHttpUrl(issuer.get())) {
      throw new ConfigurationError(
          "the issuer must be an absolute http(s) URL, not '" + issuer.get() + "'", null);
    }
  }

  private static void notBlank(String field, Optional<String> value) throws ConfigurationError {
    if (value.isPresent() && value.get().isBlank()) {
      throw new ConfigurationError(field + " must not be blank", null);
    }
  }

  /**
   * As profile JSON fields. A client secret variable removes the profile's literal secret (a JSON
   * null removes a field), so that the secret comes from the variable.
   */
  Map<String, JsonNode> fields() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    issuer.ifPresent(v -> fields.put("issuer", json.textNode(v)));
    clientId.ifPresent(v -> fields.put("clientId", json.textNode(v)));
    clientSecretEnv.ifPresent(
        v -> {
          fields.put("clientSecret", json.nullNode());
          fields.put("clientSecretEnv", json.textNode(v));
        });
    redirectUri.ifPresent(v -> fields.put("redirectUri", json.textNode(v)));
    scopes.ifPresent(
        v -> {
          ArrayNode array = json.arrayNode();
          v.forEach(array::add);
          fields.put("scopes", array);
        });
    return fields;
  }
}
