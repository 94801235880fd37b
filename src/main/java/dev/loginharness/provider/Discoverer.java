package dev.loginharness.provider;

import dev.loginharness.oauth.Discovery;
import java.net.URI;

/** Looks up an issuer's endpoints; the real one asks the network, tests may hand in a map. */
@FunctionalInterface
public interface Discoverer {
  Discovery.Document discover(URI issuer) throws ConfigException;

  /** OIDC discovery over HTTP with the process-wide client. */
  static Discoverer oidc() {
    return issuer -> {
      try {
        return Discovery.shared().fetch(issuer);
      } catch (Discovery.DiscoveryException e) {
        throw new ConfigException(e.getMessage());
      }
    };
  }

  /** For profiles that must not need the network. */
  Discoverer NONE =
      issuer -> {
        throw new ConfigException(
            "the profile names issuer "
                + issuer
                + " but discovery is not available here; give authorizationEndpoint and tokenEndpoint");
      };
}
