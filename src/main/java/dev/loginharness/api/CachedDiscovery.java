package dev.loginharness.api;

import dev.loginharness.oauth.Discovery;
import dev.loginharness.provider.ConfigException;
import dev.loginharness.provider.Discoverer;
import dev.loginharness.store.DiscoveryCache;
import dev.loginharness.store.StoreException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Discovery through the store's {@link DiscoveryCache}: a document younger than {@link
 * DiscoveryCache#MAX_AGE} is used as it is, an older or missing one is fetched and kept. So a
 * {@code token --issuer …} with a valid stored token needs no network, and the {@code token} hot
 * path finds the same token endpoint the full command uses. A cache file others could have written
 * is refused with the store's message (exit 2), never silently fetched around.
 */
final class CachedDiscovery implements Discoverer {
  private final DiscoveryCache cache;
  private final Discoverer network;
  private final Clock clock;
  private volatile Optional<String> usedCached = Optional.empty();

  CachedDiscovery(DiscoveryCache cache, Discoverer network, Clock clock) {
    this.cache = cache;
    this.network = network;
    this.clock = clock;
  }

  @Override
  public Discovery.Document discover(URI issuer) throws ConfigException {
    String key = DiscoveryCache.key(issuer.toString());
    try {
      Optional<DiscoveryCache.Document> cached = cache.read(key);
      if (cached.isPresent() && cached.get().freshAt(clock.instant())) {
        usedCached = Optional.of(key);
        DiscoveryCache.Document d = cached.get();
        return new Discovery.Document(
            issuer,
            d.authorizationEndpoint(),
            d.tokenEndpoint(),
            d.userinfoEndpoint(),
            d.revocationEndpoint());
      }
      Discovery.Document fetched = network.discover(issuer);
      keep(key, fetched);
      return fetched;
    } catch (StoreException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /**
   * Best effort: the read above has already refused directories others can write, so what can fail
   * here is the disk (full, read-only), and a command that needs no write of its own — {@code
   * check}, a cached {@code token} — must not fail for want of a cache.
   */
  private void keep(String key, Discovery.Document fetched) {
    try {
      cache.write(
          new DiscoveryCache.Document(
              key,
              fetched.authorizationEndpoint(),
              fetched.tokenEndpoint(),
              fetched.userinfoEndpoint(),
              fetched.revocationEndpoint(),
              clock.instant()));
    } catch (StoreException e) {
      // Discovered again next time.
    }
  }

  /**
   * Drops the cached document the profile's endpoints came from, if they came from one: its token
   * endpoint failed as a moved one does, and the next call should ask the issuer again. True when
   * one was dropped.
   */
  boolean forgetUsed() {
    Optional<String> used = usedCached;
    if (used.isEmpty()) {
      return false;
    }
    try {
      return cache.forget(used.get());
    } catch (StoreException e) {
      return false; // the failure being reported matters more than this one
    }
  }
}
