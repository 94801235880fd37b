package dev.loginharness.demo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The provider's mutable state, shared by the handler threads. Every check-and-change is a single
 * atomic map operation, so two concurrent requests cannot both consume the same grant.
 */
final class Grants {
    private final Map<String, PendingAuthorization> pending = new ConcurrentHashMap<>();
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    private final List<Redemption> redemptions = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();

    /** Stores the request and returns the opaque id the login form will carry. */
    String park(PendingAuthorization request) {
        String id = Randoms.id();
        pending.put(id, request);
        return id;
    }

    Optional<PendingAuthorization> pending(String requestId) {
        return Optional.ofNullable(pending.get(requestId));
    }

    /** Ends the sign-in for this id; false if another submission already ended it. */
    boolean complete(String requestId) {
        return pending.remove(requestId) != null;
    }

    void storeCode(String code, IssuedCode issued) {
        codes.put(code, issued);
    }

    Optional<IssuedCode> code(String code) {
        return Optional.ofNullable(codes.get(code));
    }

    void storeRefreshToken(String token, RefreshGrant grant) {
        refreshTokens.put(token, grant);
    }

    Optional<RefreshGrant> refreshGrant(String token) {
        return Optional.ofNullable(refreshTokens.get(token));
    }

    /** Rotation: true only for the one request that removes this exact token. */
    boolean consumeRefreshToken(String token, RefreshGrant grant) {
        return refreshTokens.remove(token, grant);
    }

    /** Revokes every refresh token descended from one authorization code. */
    void revokeFamily(String family) {
        refreshTokens.values().removeIf(grant -> grant.family().equals(family));
    }

    void recordRedemption(Redemption redemption) {
        redemptions.add(redemption);
    }

    List<Redemption> redemptions() {
        return List.copyOf(redemptions);
    }

    void countTokenRequest() {
        tokenRequests.incrementAndGet();
    }

    int tokenRequestCount() {
        return tokenRequests.get();
    }
}
