package dev.loginharness.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** The accounts that can sign in. Holds passwords, so its toString() only counts them. */
final class Users {
    private final Map<String, String> passwords;

    Users(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    boolean matches(String username, String password) {
        String expected = passwords.get(username);
        // Compare even for unknown users so timing does not tell which usernames exist.
        byte[] reference = (expected == null ? "\0unknown-user" : expected).getBytes(StandardCharsets.UTF_8);
        boolean equal = MessageDigest.isEqual(reference, password.getBytes(StandardCharsets.UTF_8));
        return expected != null && equal;
    }

    int size() {
        return passwords.size();
    }

    @Override
    public String toString() {
        return "Users[" + passwords.size() + "]";
    }
}
