package dev.paperclipee.secret.control;

import dev.paperclipee.shared.entity.JsonText;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local_encrypted provider's AES-GCM: round trip, tamper detection, wrong key, no plain text at rest. */
class SecretCipherTest {

    private static final String SECRET = "8b6f3c2e-1d4a-4e5f-9a7b-0c1d2e3f4a5b";
    private static final String VALUE = "sk-live-Ünïcødé-" + "x".repeat(40);

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void roundTrip() throws Exception {
        SecretCipher cipher = new SecretCipher(key(7));
        JsonObject material = cipher.encrypt(SECRET, 3, VALUE);

        assertEquals(VALUE, cipher.decrypt(SECRET, 3, material));
        assertEquals(VALUE, cipher.decrypt(SECRET, 3, JsonText.parse(material.toString())), "survives storage as JSON text");
        assertEquals(SecretCipher.SCHEME, material.getString("scheme"));
        assertEquals(cipher.keyId(), material.getString("keyId"));
    }

    @Test
    void materialHoldsNoPlainTextAndEachEncryptionDiffers() {
        SecretCipher cipher = new SecretCipher(key(7));
        JsonObject first = cipher.encrypt(SECRET, 1, VALUE);
        JsonObject second = cipher.encrypt(SECRET, 1, VALUE);

        assertFalse(first.toString().contains("sk-live"), first.toString());
        assertNotEquals(first.getString("iv"), second.getString("iv"), "a fresh nonce each time");
        assertNotEquals(first.getString("ciphertext"), second.getString("ciphertext"));
    }

    @Test
    void alteredCiphertextIsDetected() {
        SecretCipher cipher = new SecretCipher(key(7));
        JsonObject material = cipher.encrypt(SECRET, 1, VALUE);
        byte[] sealed = Base64.getDecoder().decode(material.getString("ciphertext"));
        sealed[0] ^= 1;
        JsonObject tampered = JsonText.JSON.createObjectBuilder(material)
                .add("ciphertext", Base64.getEncoder().encodeToString(sealed)).build();

        SecretDecryptionException e = assertThrows(SecretDecryptionException.class, () -> cipher.decrypt(SECRET, 1, tampered));
        assertTrue(e.getMessage().contains("integrity"), e.getMessage());
    }

    @Test
    void materialMovedToAnotherSecretOrVersionIsDetected() {
        SecretCipher cipher = new SecretCipher(key(7));
        JsonObject material = cipher.encrypt(SECRET, 1, VALUE);

        assertThrows(SecretDecryptionException.class, () -> cipher.decrypt(SECRET, 2, material));
        assertThrows(SecretDecryptionException.class,
                () -> cipher.decrypt("00000000-0000-0000-0000-000000000000", 1, material));
    }

    @Test
    void wrongKeyIsNamedAsSuch() {
        JsonObject material = new SecretCipher(key(7)).encrypt(SECRET, 1, VALUE);
        SecretCipher other = new SecretCipher(key(8));

        SecretDecryptionException e = assertThrows(SecretDecryptionException.class, () -> other.decrypt(SECRET, 1, material));
        assertTrue(e.getMessage().contains("another master key"), e.getMessage());
        assertFalse(e.getMessage().contains(VALUE));
    }

    @Test
    void wrongKeyIsDetectedEvenWithoutTheKeyId() {
        JsonObject material = new SecretCipher(key(7)).encrypt(SECRET, 1, VALUE);
        JsonObject anonymous = JsonText.JSON.createObjectBuilder(material).remove("keyId").build();

        assertThrows(SecretDecryptionException.class, () -> new SecretCipher(key(8)).decrypt(SECRET, 1, anonymous));
    }

    @Test
    void garbageMaterialIsRefusedNotThrown() {
        SecretCipher cipher = new SecretCipher(key(7));

        assertThrows(SecretDecryptionException.class, () -> cipher.decrypt(SECRET, 1, null));
        assertThrows(SecretDecryptionException.class,
                () -> cipher.decrypt(SECRET, 1, JsonText.parse("{\"scheme\":\"rot13\"}")));
        assertThrows(SecretDecryptionException.class, () -> cipher.decrypt(SECRET, 1,
                JsonText.parse("{\"scheme\":\"aes-256-gcm\",\"iv\":\"%%%\",\"ciphertext\":\"x\"}")));
    }

    @Test
    void digestIsKeyedAndStable() {
        SecretCipher cipher = new SecretCipher(key(7));

        assertEquals(cipher.digest(VALUE), cipher.digest(VALUE));
        assertNotEquals(cipher.digest(VALUE), new SecretCipher(key(8)).digest(VALUE), "not a plain hash");
        assertEquals(64, cipher.digest(VALUE).length());
    }

    @Test
    void keysOfTheWrongSizeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher(null));
    }
}
