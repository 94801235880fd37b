package dev.loginharness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.loginharness.provider.ConfigException;
import dev.loginharness.provider.Discoverer;
import dev.loginharness.provider.ProfileLoader;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.store.StoreException;
import dev.loginharness.store.TokenStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which provider, which account, which store: shared by every command that deals in tokens. */
final class ProviderOptions {
  @Option(names = "--provider", paramLabel = "FILE|NAME",
      description = "Provider profile: a JSON file, or a built-in (pixiv, deviantart).")
  String provider;

  @Option(names = "--issuer", paramLabel = "URL",
      description = "An OIDC issuer: endpoints come from its discovery document.")
  String issuer;

  @Option(names = "--client-id", paramLabel = "ID", description = "Overrides the profile's clientId.")
  String clientId;

  @Option(names = "--client-secret-env", paramLabel = "VAR",
      description = "Environment variable holding the client secret.")
  String clientSecretEnv;

  @Option(names = "--redirect-uri", paramLabel = "URI", description = "Overrides the profile's redirectUri.")
  String redirectUri;

  @Option(names = "--scope", paramLabel = "SCOPE", description = "A scope; repeatable. Replaces the profile's.")
  List<String> scopes = new ArrayList<>();

  @Option(names = "--account", paramLabel = "NAME", defaultValue = "default",
      description = "Which of your accounts at this provider (default: ${DEFAULT-VALUE}).")
  String account;

  @Option(names = "--store", paramLabel = "DIR|none",
      description = "Token store directory (default: $LOGIN_HARNESS_STORE, else "
          + "${XDG_CONFIG_HOME:-~/.config}/login-harness/tokens); none keeps nothing on disk.")
  String store;

  ProviderProfile profile() throws ConfigException {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    JsonNodeFactory json = JsonNodeFactory.instance;
    if (issuer != null) {
      fields.put("issuer", json.textNode(issuer));
    }
    if (clientId != null) {
      fields.put("clientId", json.textNode(clientId));
    }
    if (clientSecretEnv != null) {
      fields.put("clientSecretEnv", json.textNode(clientSecretEnv));
      fields.put("clientSecret", json.nullNode());
    }
    if (redirectUri != null) {
      fields.put("redirectUri", json.textNode(redirectUri));
    }
    if (!scopes.isEmpty()) {
      var array = json.arrayNode();
      scopes.forEach(array::add);
      fields.put("scopes", array);
    }
    if (provider != null) {
      return ProfileLoader.load(provider, fields, Discoverer.oidc());
    }
    if (issuer == null) {
      throw new ConfigException("give --provider FILE|NAME, or --issuer URL with --client-id and --redirect-uri");
    }
    return ProfileLoader.fromFields(fields, Discoverer.oidc());
  }

  TokenStore store() throws StoreException {
    if ("none".equals(store)) {
      return TokenStore.none();
    }
    return TokenStore.at(store != null ? Path.of(store) : TokenStore.defaultDirectory(System.getenv()));
  }
}
