package dev.paperclipee.secret.control;

import dev.paperclipee.shared.entity.JsonText;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The {@code local_encrypted} provider's cryptography (spec §7.12): AES-256-GCM under the master
 * key, a fresh 96-bit nonce per value, and the secret's id and version as additional
 * authenticated data — so a ciphertext that is altered, or copied onto another secret or version,
 * fails to decrypt instead of yielding a wrong value. The material names the key by a
 * fingerprint, so that a value encrypted under another master key is reported as such.
 *
 * <p>Material: {@code {"scheme": "aes-256-gcm", "keyId": "<16 hex>", "iv": "<base64>",
 * "ciphertext": "<base64, tag included>"}}.
 */
public final class SecretCipher {

    public static final String SCHEME = "aes-256-gcm";
    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final byte[] digestKey;
    private final String keyId;

    public SecretCipher(byte[] masterKey) {
        if (masterKey == null || masterKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("the master key must be " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
        this.keyId = HexFormat.of().formatHex(sha256(concat("paperclip-secret-key-id".getBytes(StandardCharsets.UTF_8), masterKey)), 0, 8);
        this.digestKey = sha256(concat("paperclip-secret-digest".getBytes(StandardCharsets.UTF_8), masterKey));
    }

    /** The fingerprint of the master key that the material records (not the key: a one-way hash of it). */
    public String keyId() {
        return keyId;
    }

    /** The material that keeps {@code value} for version {@code version} of secret {@code secretId}. */
    public JsonObject encrypt(String secretId, int version, String value) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(secretId, version));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder base64 = Base64.getEncoder();
            return JsonText.JSON.createObjectBuilder()
                    .add("scheme", SCHEME)
                    .add("keyId", keyId)
                    .add("iv", base64.encodeToString(nonce))
                    .add("ciphertext", base64.encodeToString(sealed))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * The value kept in {@code material}; a {@link SecretDecryptionException} (whose message names
     * no value) when the material is not this scheme's, was made under another master key, or was
     * tampered with.
     */
    public String decrypt(String secretId, int version, JsonObject material) throws SecretDecryptionException {
        if (material == null || !SCHEME.equals(text(material, "scheme"))) {
            throw new SecretDecryptionException("the stored material is not " + SCHEME);
        }
        String recordedKey = text(material, "keyId");
        if (recordedKey != null && !recordedKey.equals(keyId)) {
            throw new SecretDecryptionException("the value was encrypted under another master key (key id "
                    + recordedKey + ", this server's is " + keyId + ")");
        }
        byte[] nonce;
        byte[] sealed;
        try {
            nonce = Base64.getDecoder().decode(String.valueOf(text(material, "iv")));
            sealed = Base64.getDecoder().decode(String.valueOf(text(material, "ciphertext")));
        } catch (IllegalArgumentException e) {
            throw new SecretDecryptionException("the stored material is not valid base64");
        }
        if (nonce.length != NONCE_BYTES) {
            throw new SecretDecryptionException("the stored nonce has the wrong length");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(secretId, version));
            return new String(cipher.doFinal(sealed), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretDecryptionException("the stored value failed its integrity check (altered, moved to another"
                    + " secret or version, or encrypted under another master key)");
        } catch (GeneralSecurityException e) {
            throw new SecretDecryptionException("the stored value cannot be decrypted: " + e.getClass().getSimpleName());
        }
    }

    /**
     * A keyed digest of the value (HMAC-SHA256 under a key derived from the master key), hex: equal
     * values give equal digests, but the database alone cannot confirm a guessed value.
     */
    public String digest(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(digestKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] aad(String secretId, int version) {
        return ("paperclip-secret:" + secretId + ":" + version).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonObject object, String key) {
        return object.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
