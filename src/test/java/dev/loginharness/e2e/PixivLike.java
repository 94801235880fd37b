package dev.loginharness.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.demo.DemoProvider;
import dev.loginharness.provider.ConfigException;
import dev.loginharness.provider.ProfileLoader;
import dev.loginharness.provider.ProviderProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pixiv as Pixiv behaves (docs/providers.md, "Pixiv"), on loopback: a demo provider in its
 * app-login mode that knows the built-in pixiv profile's client, secret and User-Agent, and a
 * profile file that {@code extends} the built-in, pointed at it — what a user's tests would write.
 */
final class PixivLike {
  private PixivLike() {}

  /** The provider's builder; add users, then start it. */
  static DemoProvider.Builder provider() throws ConfigException {
    ProviderProfile pixiv = ProfileLoader.load("pixiv");
    return DemoProvider.builder()
        .client(pixiv.clientId())
        .clientSecret(pixiv.clientSecret().orElseThrow())
        .appRedirect("pixiv")
        .requiredHeader("User-Agent", pixiv.headers().get("User-Agent"));
  }

  /** {@code {"extends": "pixiv", …}} pointed at {@code provider}, with {@code overrides} on top. */
  static Path profile(DemoProvider provider, Path file, Map<String, Object> overrides)
      throws IOException {
    Map<String, Object> fields =
        new LinkedHashMap<>(
            Map.of(
                "extends",
                "pixiv",
                "authorizationEndpoint",
                provider.appAuthorizationEndpoint(),
                "tokenEndpoint",
                provider.tokenEndpoint(),
                "redirectUri",
                provider.appCallbackUri()));
    fields.putAll(overrides);
    return Files.writeString(file, new ObjectMapper().writeValueAsString(fields));
  }
}
