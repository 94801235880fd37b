/**
 * The on-disk token cache: one JSON file per provider and account under {@link
 * dev.loginharness.store.TokenStore#defaultDirectory}, written atomically with private permissions
 * and guarded by a lock that holds across threads and processes. Also owns {@link
 * dev.loginharness.store.CachedToken}, the databind-free reader the {@code token} credential helper
 * uses on its hot path, the rules for when a stored token is good enough to hand out, and {@link
 * dev.loginharness.store.DiscoveryCache}, the issuers' discovery documents kept beside the tokens
 * (so that {@code token --issuer} needs no network). Refuses token files others can read and
 * directories others can write. Knows nothing of browsers, HTTP or how tokens are obtained.
 */
package dev.loginharness.store;
