package dev.keepsake.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer tokens: {@code ks1.<id>.<secret>}, where the id (8 random bytes, hex) names the token
 * for revoking and the secret is 32 random bytes (base64url). Only the SHA-256 of the whole
 * token is stored: a stolen database grants nothing, and a random 256-bit secret needs no
 * slow hash.
 */
final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** A new token and its public id. */
    record Issued(String id, String token) {
        @Override
        public String toString() {
            return "Issued[" + id + "]";
        }
    }

    static Issued issue() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String idText = HexFormat.of().formatHex(id);
        return new Issued(idText,
                "ks1." + idText + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Returns the stored form of {@code token}: its SHA-256, hex. */
    static String hash(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
