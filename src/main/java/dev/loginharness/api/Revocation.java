package dev.loginharness.api;

/**
 * What {@link LoginHarness#revoke()} or {@link LoginHarness#revokeRefreshToken()} did.
 *
 * @param atProvider whether the profile has a revocation endpoint that was asked; when not, the
 *     tokens stay valid at the provider until they expire
 * @param tokensRevoked how many tokens the provider revoked (0 to 2)
 * @param deletedLocally whether the tokens were deleted from the store
 */
public record Revocation(boolean atProvider, int tokensRevoked, boolean deletedLocally) {}
