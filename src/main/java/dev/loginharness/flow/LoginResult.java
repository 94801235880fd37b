package dev.loginharness.flow;

import dev.loginharness.oauth.TokenSet;

/** The tokens of a successful login and how long each phase took. */
public record LoginResult(TokenSet tokens, Timeline timeline, String captureMechanism) {}
