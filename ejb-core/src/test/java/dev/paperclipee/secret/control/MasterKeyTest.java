package dev.paperclipee.secret.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the master key comes from, and how the key file is created. */
class MasterKeyTest {

    @TempDir
    Path temp;

    private static byte[] bytes(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    private MasterKey load(Map<String, String> properties, Map<String, String> env) {
        Map<String, String> props = new HashMap<>(properties);
        props.putIfAbsent("user.home", temp.resolve("home").toString());
        return MasterKey.load(props::get, env);
    }

    @Test
    void createsTheKeyFileInTheInstanceDirectoryOwnerOnlyAndReusesIt() throws Exception {
        Path instance = temp.resolve("instance");
        MasterKey first = load(Map.of("paperclip.instance.dir", instance.toString()), Map.of());
        Path file = instance.resolve("secrets/master.key");

        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(file).strip()).length);
        assertEquals(file.toString(), first.source());
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }

        MasterKey second = load(Map.of("paperclip.instance.dir", instance.toString()), Map.of());
        assertArrayEquals(first.key(), second.key(), "the next start reads the same key");
    }

    @Test
    void withoutAnInstanceDirectoryTheDefaultOneUnderPaperclipHome() {
        Path home = temp.resolve("pc-home");
        load(Map.of(), Map.of("PAPERCLIP_HOME", home.toString()));

        assertTrue(Files.exists(home.resolve("instances/default/secrets/master.key")));
    }

    @Test
    void theVariableWinsAndTakesBase64OrHex() {
        String base64 = Base64.getEncoder().encodeToString(bytes(5));
        MasterKey fromVariable = load(Map.of("paperclip.instance.dir", temp.toString()), Map.of(MasterKey.VARIABLE, base64));

        assertArrayEquals(bytes(5), fromVariable.key());
        assertEquals(MasterKey.VARIABLE, fromVariable.source());
        assertFalse(Files.exists(temp.resolve("secrets/master.key")), "no file when the variable gives the key");
        assertArrayEquals(bytes(6), load(Map.of(), Map.of(MasterKey.VARIABLE, HexFormat.of().formatHex(bytes(6)))).key());
        assertArrayEquals(bytes(7), load(Map.of(MasterKey.PROPERTY, Base64.getUrlEncoder().encodeToString(bytes(7))), Map.of()).key());
    }

    @Test
    void aKeyFileNamedByTheFileVariable() throws Exception {
        Path file = temp.resolve("my.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(bytes(9)) + "\n");

        assertArrayEquals(bytes(9), load(Map.of(), Map.of(MasterKey.FILE_VARIABLE, file.toString())).key());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> load(Map.of(), Map.of(MasterKey.FILE_VARIABLE, temp.resolve("absent.key").toString())));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void aBadKeyIsRefusedWithoutShowingIt() {
        String bad = "not-a-key-but-a-password-someone-typed";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> load(Map.of(), Map.of(MasterKey.VARIABLE, bad)));

        assertFalse(e.getMessage().contains(bad), e.getMessage());
        assertTrue(e.getMessage().contains(MasterKey.VARIABLE), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> load(Map.of(), Map.of(MasterKey.VARIABLE, Base64.getEncoder().encodeToString(new byte[16]))));
    }
}
