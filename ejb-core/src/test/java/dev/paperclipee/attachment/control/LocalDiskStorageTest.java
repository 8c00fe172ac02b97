package dev.paperclipee.attachment.control;

import dev.paperclipee.shared.entity.PayloadTooLargeException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local-disk object store: streaming, hashing, the size limit, atomic publishing and cleanup. */
class LocalDiskStorageTest {

    private static final UUID COMPANY = UUID.fromString("3f1c6f0e-5b7a-4c1e-9d2a-0b1c2d3e4f50");
    private static final Clock MARCH_2026 = Clock.fixed(Instant.parse("2026-03-05T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    private LocalDiskStorage storage() {
        return new LocalDiskStorage(root, MARCH_2026);
    }

    @Test
    void stagesUnderACompanyYearMonthKeyHashesAndPublishesAtomically() throws Exception {
        LocalDiskStorage storage = storage();
        byte[] bytes = randomBytes(3 * LocalDiskStorage.BUFFER + 17);

        StagedObject staged = storage.stage(COMPANY, new ByteArrayInputStream(bytes), bytes.length);

        assertTrue(staged.objectKey().matches(COMPANY + "/2026/03/[0-9a-f-]{36}"), staged.objectKey());
        assertEquals(bytes.length, staged.byteSize());
        assertEquals(sha256(bytes), staged.sha256());
        Path target = root.resolve(staged.objectKey());
        assertFalse(Files.exists(target), "not visible under its key before it is published");
        assertEquals(target.getParent(), staged.temporary().getParent(), "the temporary file is in the same directory");
        assertTrue(staged.temporary().getFileName().toString().startsWith("."), "and hidden");
        assertArrayEquals(bytes, Files.readAllBytes(staged.temporary()));

        storage.publish(staged);

        assertArrayEquals(bytes, Files.readAllBytes(target));
        assertFalse(Files.exists(staged.temporary()), "moved, not copied");
        assertTrue(storage.exists(staged.objectKey()));
        try (InputStream in = storage.open(staged.objectKey())) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        storage.discard(staged); // after publishing: nothing to discard, the file stays
        assertTrue(Files.exists(target));
        if (root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        }
    }

    @Test
    void everyUploadGetsItsOwnKey() throws Exception {
        LocalDiskStorage storage = storage();
        StagedObject a = storage.stage(COMPANY, new ByteArrayInputStream(new byte[] {1}), 10);
        StagedObject b = storage.stage(COMPANY, new ByteArrayInputStream(new byte[] {1}), 10);
        assertFalse(a.objectKey().equals(b.objectKey()));
        assertEquals(a.sha256(), b.sha256());
    }

    @Test
    void anEmptyStreamIsZeroBytesWithTheEmptyHash() throws Exception {
        StagedObject staged = storage().stage(COMPANY, new ByteArrayInputStream(new byte[0]), 1);
        assertEquals(0, staged.byteSize());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", staged.sha256());
    }

    @Test
    void exactlyTheLimitIsAccepted() throws Exception {
        byte[] bytes = randomBytes(1000);
        StagedObject staged = storage().stage(COMPANY, new ByteArrayInputStream(bytes), 1000);
        assertEquals(1000, staged.byteSize());
    }

    @Test
    void pastTheLimitReadingStopsAndNothingIsLeftOnDisk() throws Exception {
        CountingEndlessStream endless = new CountingEndlessStream();

        PayloadTooLargeException e = assertThrows(PayloadTooLargeException.class,
                () -> storage().stage(COMPANY, endless, 1000));

        assertTrue(endless.delivered <= 1000 + LocalDiskStorage.BUFFER,
                "read " + endless.delivered + " bytes of an endless stream: it stops at the first chunk past the limit");
        assertTrue(e.getMessage().contains("1000"), e.getMessage());
        assertEquals(List.of(), regularFiles(), "the partial file is removed");
    }

    @Test
    void aFailingInputLeavesNothingAndSaysSo() throws IOException {
        InputStream broken = new InputStream() {
            private int left = 5000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("client went away");
                }
                return 'x';
            }
        };
        IOException e = assertThrows(IOException.class, () -> storage().stage(COMPANY, broken, 1_000_000));
        assertEquals("client went away", e.getMessage());
        assertEquals(List.of(), regularFiles());
    }

    @Test
    void discardingAStagedUploadRemovesIt() throws Exception {
        LocalDiskStorage storage = storage();
        StagedObject staged = storage.stage(COMPANY, new ByteArrayInputStream(new byte[] {1, 2, 3}), 10);
        storage.discard(staged);
        assertEquals(List.of(), regularFiles());
        assertFalse(storage.exists(staged.objectKey()));
    }

    @Test
    void aRolledBackTransactionRemovesThePublishedFileACommittedOneKeepsIt() throws Exception {
        LocalDiskStorage storage = storage();
        StagedObject rolledBack = storage.stage(COMPANY, new ByteArrayInputStream(new byte[] {1}), 10);
        StagedObject committed = storage.stage(COMPANY, new ByteArrayInputStream(new byte[] {2}), 10);
        Synchronization onRollback = storage.removeUnlessCommitted(rolledBack.objectKey());
        Synchronization onCommit = storage.removeUnlessCommitted(committed.objectKey());
        storage.publish(rolledBack);
        storage.publish(committed);

        onRollback.beforeCompletion();
        onRollback.afterCompletion(Status.STATUS_ROLLEDBACK);
        onCommit.beforeCompletion();
        onCommit.afterCompletion(Status.STATUS_COMMITTED);

        assertFalse(storage.exists(rolledBack.objectKey()), "rolled back: removed");
        assertTrue(storage.exists(committed.objectKey()), "committed: kept");
    }

    @Test
    void aDeletionRemovesTheFileOnlyWhenItCommitted() throws Exception {
        LocalDiskStorage storage = storage();
        StagedObject kept = storage.stage(COMPANY, new ByteArrayInputStream(new byte[] {1}), 10);
        StagedObject deleted = storage.stage(COMPANY, new ByteArrayInputStream(new byte[] {2}), 10);
        storage.publish(kept);
        storage.publish(deleted);

        storage.removeIfCommitted(kept.objectKey()).afterCompletion(Status.STATUS_ROLLEDBACK);
        storage.removeIfCommitted(deleted.objectKey()).afterCompletion(Status.STATUS_COMMITTED);

        assertTrue(storage.exists(kept.objectKey()), "the deletion rolled back: the file stays");
        assertFalse(storage.exists(deleted.objectKey()));
        assertFalse(storage.delete(deleted.objectKey()), "deleting twice is harmless");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../etc/passwd", "3f1c6f0e-5b7a-4c1e-9d2a-0b1c2d3e4f50/2026/03/../../../x",
            "3f1c6f0e-5b7a-4c1e-9d2a-0b1c2d3e4f50/2026/03/..", "/etc/passwd",
            "3f1c6f0e-5b7a-4c1e-9d2a-0b1c2d3e4f50/2026/03/3F1C6F0E-5B7A-4C1E-9D2A-0B1C2D3E4F50",
            "3f1c6f0e-5b7a-4c1e-9d2a-0b1c2d3e4f50/2026/03/report.pdf"})
    void onlyKeysItMadeNameFiles(String key) {
        LocalDiskStorage storage = storage();
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> storage.path(key)),
                () -> assertThrows(IllegalArgumentException.class, () -> storage.open(key)),
                () -> assertThrows(IllegalArgumentException.class, () -> storage.delete(key)));
    }

    @Test
    void storageDirectoryFromPropertyThenEnvironmentThenHome() {
        assertEquals(Path.of("/data/files"), StorageDirectory.resolve(
                name -> name.equals(StorageDirectory.PROPERTY) ? "/data/files/" : "/home/op",
                java.util.Map.of(StorageDirectory.VARIABLE, "/env/files")));
        assertEquals(Path.of("/env/files"), StorageDirectory.resolve(
                name -> name.equals(StorageDirectory.PROPERTY) ? " " : "/home/op",
                java.util.Map.of(StorageDirectory.VARIABLE, "/env/files")));
        assertEquals(Path.of("/home/op/.paperclip/storage"), StorageDirectory.resolve(
                name -> name.equals("user.home") ? "/home/op" : null, java.util.Map.of()));
    }

    private List<Path> regularFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Never ends; counts what it handed out. */
    private static final class CountingEndlessStream extends InputStream {
        long delivered;

        @Override
        public int read() {
            delivered++;
            return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'a');
            delivered += len;
            return len;
        }
    }

    @Test
    void textIsStoredByteForByte() throws Exception {
        byte[] bytes = "héllo\r\n\u0000wörld".getBytes(StandardCharsets.UTF_8);
        LocalDiskStorage storage = storage();
        StagedObject staged = storage.stage(COMPANY, new ByteArrayInputStream(bytes), 100);
        storage.publish(staged);
        assertArrayEquals(bytes, Files.readAllBytes(storage.path(staged.objectKey())));
    }
}
