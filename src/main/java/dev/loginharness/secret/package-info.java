/**
 * Secrets as a type: {@link dev.loginharness.secret.Secret} prints as {@code ***}, and {@link
 * dev.loginharness.secret.Redact} strips OAuth parameters from URLs before any message is built.
 * Every other package depends on this one; it depends on nothing.
 */
package dev.loginharness.secret;
