package dev.loginharness.demo;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The provider's mutable state, shared by the handler threads. Every check-and-change is a single
 * atomic map operation, so two concurrent requests cannot both consume the same grant.
 *
 * <p>Revoking a family is recorded, not only applied to the tokens stored at that moment: a refresh
 * racing with the revocation could otherwise store a fresh token of the revoked family just after
 * the sweep, and that token would live on.
 */
final class Grants {
  /** A correct sign-in waiting for the user's decision on the consent page. */
  record PendingConsent(PendingAuthorization request, String username) {
    PendingConsent {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(username, "username");
    }
  }

  private final Map<String, PendingAuthorization> pending = new ConcurrentHashMap<>();
  private final Map<String, PendingConsent> consents = new ConcurrentHashMap<>();
  private final Map<String, SignInStep> steps = new ConcurrentHashMap<>();
  private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
  private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
  private final Map<String, AccessGrant> accessTokens = new ConcurrentHashMap<>();
  private final Set<String> refreshRevokedFamilies = ConcurrentHashMap.newKeySet();
  private final Set<String> accessRevokedFamilies = ConcurrentHashMap.newKeySet();
  private final List<Redemption> redemptions = new CopyOnWriteArrayList<>();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final AtomicInteger refreshRequests = new AtomicInteger();
  private final AtomicInteger revokeRequests = new AtomicInteger();
  private final AtomicInteger captchasShown = new AtomicInteger();
  private final AtomicInteger rememberMeTicked = new AtomicInteger();
  private final AtomicInteger pageRequests = new AtomicInteger();

  /** States and PKCE verifiers clients sent: secrets of their logins that are never stored here. */
  private final Set<String> clientSecrets = ConcurrentHashMap.newKeySet();

  /** Stores the request and returns the opaque id the login form will carry. */
  String park(PendingAuthorization request) {
    request.state().ifPresent(clientSecrets::add);
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

  /**
   * Stores a signed-in request until the user decides; returns the opaque id the consent form
   * carries.
   */
  String parkConsent(PendingConsent consent) {
    String id = Randoms.id();
    consents.put(id, consent);
    return id;
  }

  /** Removes and returns the consent: a decision is taken once, a double submit finds nothing. */
  Optional<PendingConsent> decideConsent(String consentId) {
    return Optional.ofNullable(consents.remove(consentId));
  }

  /** Stores a sign-in between two pages; returns the opaque id the next page's form carries. */
  String parkStep(SignInStep step) {
    String id = Randoms.id();
    steps.put(id, step);
    return id;
  }

  /** The step parked under this id, if it is still open and was issued for this stage. */
  Optional<SignInStep> step(String stepId, SignInStep.Stage stage) {
    return Optional.ofNullable(steps.get(stepId)).filter(step -> step.stage() == stage);
  }

  /** Closes the step; false if another submission of the same page already closed it. */
  boolean finishStep(String stepId, SignInStep step) {
    return steps.remove(stepId, step);
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

  /** The grant of a live refresh token: stored, and its family not revoked. */
  Optional<RefreshGrant> refreshGrant(String token) {
    return Optional.ofNullable(refreshTokens.get(token))
        .filter(grant -> !refreshRevokedFamilies.contains(grant.family()));
  }

  /** Rotation: true only for the one request that removes this exact token. */
  boolean consumeRefreshToken(String token, RefreshGrant grant) {
    return refreshTokens.remove(token, grant);
  }

  void storeAccessToken(String token, AccessGrant grant) {
    accessTokens.put(token, grant);
  }

  /**
   * The grant of a stored, unrevoked access token; expiry is the caller's check (it owns the
   * clock).
   */
  Optional<AccessGrant> accessGrant(String token) {
    return Optional.ofNullable(accessTokens.get(token))
        .filter(grant -> !accessRevokedFamilies.contains(grant.family()));
  }

  void revokeAccessToken(String token) {
    accessTokens.remove(token);
  }

  /**
   * Revokes every refresh token of the family; its access tokens stay valid (DeviantArt's
   * revoke_refresh_only).
   */
  void revokeRefreshFamily(String family) {
    refreshRevokedFamilies.add(family);
    refreshTokens.values().removeIf(grant -> grant.family().equals(family));
  }

  /** Revokes every token descended from one authorization grant, refresh and access alike. */
  void revokeFamily(String family) {
    revokeRefreshFamily(family);
    accessRevokedFamilies.add(family);
    accessTokens.values().removeIf(grant -> grant.family().equals(family));
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

  void countRefreshRequest() {
    refreshRequests.incrementAndGet();
  }

  int refreshRequestCount() {
    return refreshRequests.get();
  }

  void countRevokeRequest() {
    revokeRequests.incrementAndGet();
  }

  int revokeRequestCount() {
    return revokeRequests.get();
  }

  void countRememberMe() {
    rememberMeTicked.incrementAndGet();
  }

  int rememberMeCount() {
    return rememberMeTicked.get();
  }

  void countCaptchaShown() {
    captchasShown.incrementAndGet();
  }

  void verifierReceived(String verifier) {
    clientSecrets.add(verifier);
  }

  /** Every code and token issued, every state and verifier received. */
  Set<String> secretsSeen() {
    Set<String> all = new java.util.HashSet<>(clientSecrets);
    all.addAll(codes.keySet());
    all.addAll(accessTokens.keySet());
    all.addAll(refreshTokens.keySet());
    return all;
  }

  void pageRequested() {
    pageRequests.incrementAndGet();
  }

  int pageRequestCount() {
    return pageRequests.get();
  }

  int captchaShownCount() {
    return captchasShown.get();
  }
}
