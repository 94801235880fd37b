/**
 * Provider profiles: what is different about each OAuth provider, as data loaded from JSON (files
 * the user writes, or built-ins under {@code resources/providers}). Adding a provider never needs a
 * code change.
 */
package dev.loginharness.provider;
