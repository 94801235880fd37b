package dev.loginharness.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the endpoints need to know, frozen at {@link DemoProvider.Builder#start()}.
 *
 * @param appScheme the custom scheme of the Pixiv-like hop, if enabled
 * @param requiredHeaders headers the token endpoint insists on (exact value)
 * @param clock wall-clock time: {@code redeemedAt}, access-token expiry, and a second opinion on
 *     code expiry so tests can move time forward instead of sleeping
 * @param deviantArtStyle JSON answers of /token, /revoke and /placebo carry {@code "status"}
 * @param consentPage show an allow/deny page after a correct login
 * @param allowImplicit accept {@code response_type=token}
 * @param loginStyle the pages between /authorize and the consent page or redirect
 */
record ProviderConfig(
    ClientRegistration client,
    Users users,
    Optional<String> appScheme,
    Duration codeLifetime,
    Duration accessTokenLifetime,
    boolean denyConsent,
    boolean tamperState,
    Map<String, String> requiredHeaders,
    Clock clock,
    boolean deviantArtStyle,
    boolean consentPage,
    boolean allowImplicit,
    LoginStyle loginStyle) {

  ProviderConfig {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(appScheme, "appScheme");
    Objects.requireNonNull(codeLifetime, "codeLifetime");
    Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
    requiredHeaders = Map.copyOf(requiredHeaders);
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(loginStyle, "loginStyle");
  }

  /** Header values may be API keys, so only their names are shown. */
  @Override
  public String toString() {
    return "ProviderConfig[client="
        + client
        + ", users="
        + users
        + ", appScheme="
        + appScheme.orElse("-")
        + ", codeLifetime="
        + codeLifetime
        + ", accessTokenLifetime="
        + accessTokenLifetime
        + ", denyConsent="
        + denyConsent
        + ", tamperState="
        + tamperState
        + ", requiredHeaders="
        + requiredHeaders.keySet()
        + ", deviantArtStyle="
        + deviantArtStyle
        + ", consentPage="
        + consentPage
        + ", allowImplicit="
        + allowImplicit
        + ", loginStyle="
        + loginStyle
        + "]";
  }
}
