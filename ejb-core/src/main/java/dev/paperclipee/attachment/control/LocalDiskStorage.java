package dev.paperclipee.attachment.control;

import dev.paperclipee.shared.entity.PayloadTooLargeException;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Stored objects as files under one root directory (provider {@code local_disk}, spec §7.14).
 *
 * <p>Object keys are {@code <companyId>/<yyyy>/<mm>/<uuid>}, made here and never from anything a
 * client sent, so no upload can name a path outside the root. Bytes are streamed: SHA-256 and size
 * are computed on the way, the limit is enforced as the bytes arrive (reading stops at the first
 * chunk past it), and nothing larger than one buffer is held in memory. A file becomes visible
 * under its key only complete and synced: it is written to a hidden temporary file in the same
 * directory, forced to disk, then atomically renamed.
 */
public class LocalDiskStorage {

    private static final Logger LOG = Logger.getLogger(LocalDiskStorage.class.getName());

    /** Exactly the keys {@link #stage} makes: company UUID, year, month, object UUID. */
    static final Pattern OBJECT_KEY = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[0-9]{4}/[0-9]{2}/"
                    + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    static final int BUFFER = 64 * 1024;
    static final String TEMPORARY_SUFFIX = ".upload";

    private final Path root;
    private final Clock clock;

    public LocalDiskStorage(Path root) {
        this(root, Clock.systemUTC());
    }

    LocalDiskStorage(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    /**
     * Receives {@code in} to a temporary file under a new object key of {@code companyId}.
     *
     * @throws PayloadTooLargeException when {@code in} has more than {@code maxBytes} bytes; reading
     *                                  stops at the first chunk past the limit and the file is removed
     * @throws IOException              when reading {@code in} fails (the file is removed)
     * @throws UncheckedIOException     when writing to the disk fails (the file is removed)
     */
    public StagedObject stage(UUID companyId, InputStream in, long maxBytes) throws IOException {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
        String objectKey = String.format("%s/%04d/%02d/%s", companyId, now.getYear(), now.getMonthValue(), UUID.randomUUID());
        Path target = path(objectKey);
        Path temporary = target.resolveSibling("." + target.getFileName() + TEMPORARY_SUFFIX);
        MessageDigest sha256 = sha256();
        long size = 0;
        boolean complete = false;
        try {
            createDirectories(target.getParent());
            FileChannel out = createPrivate(temporary);
            try {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new PayloadTooLargeException("The file is larger than this company's attachment limit of "
                                + maxBytes + " bytes", Map.of("maxBytes", maxBytes));
                    }
                    sha256.update(buffer, 0, n);
                    write(out, buffer, n, temporary);
                }
                force(out, temporary);
            } finally {
                close(out, temporary);
            }
            complete = true;
            return new StagedObject(objectKey, temporary, size, HexFormat.of().formatHex(sha256.digest()));
        } finally {
            if (!complete) {
                deleteQuietly(temporary);
            }
        }
    }

    /** Makes the staged bytes visible under their key: one atomic rename, then the directory is synced. */
    public void publish(StagedObject staged) {
        Path target = path(staged.objectKey());
        try {
            Files.move(staged.temporary(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new UncheckedIOException("The storage directory " + target.getParent()
                    + " does not support atomic renames", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move an upload into place at " + target, e);
        }
        syncDirectory(target.getParent());
    }

    /** Removes the temporary file of an upload that is not kept (nothing happens if it was published). */
    public void discard(StagedObject staged) {
        deleteQuietly(staged.temporary());
    }

    /** Removes an object; answers whether there was one. A failure is logged, not thrown: the rows are gone already. */
    public boolean delete(String objectKey) {
        return deleteQuietly(path(objectKey));
    }

    public boolean exists(String objectKey) {
        return Files.isRegularFile(path(objectKey));
    }

    /** The object's bytes; the stream stays readable even if the object is deleted meanwhile. */
    public InputStream open(String objectKey) throws IOException {
        return Files.newInputStream(path(objectKey));
    }

    /** The file of a key this class made; anything else is refused, so no key can point outside the root. */
    public Path path(String objectKey) {
        if (objectKey == null || !OBJECT_KEY.matcher(objectKey).matches()) {
            throw new IllegalArgumentException("not an object key of this storage: " + objectKey);
        }
        Path file = root.resolve(objectKey).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("object key outside the storage root: " + objectKey);
        }
        return file;
    }

    /** For the transaction that stores the object's rows: a rollback removes the published file again. */
    public Synchronization removeUnlessCommitted(String objectKey) {
        return afterCompletion(status -> {
            if (status != Status.STATUS_COMMITTED) {
                delete(objectKey);
            }
        });
    }

    /** For the transaction that deletes the object's rows: the file goes only once that has committed. */
    public Synchronization removeIfCommitted(String objectKey) {
        return afterCompletion(status -> {
            if (status == Status.STATUS_COMMITTED) {
                delete(objectKey);
            }
        });
    }

    private static Synchronization afterCompletion(java.util.function.IntConsumer action) {
        return new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the outcome is known
            }

            @Override
            public void afterCompletion(int status) {
                action.accept(status);
            }
        };
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the storage directory " + dir, e);
        }
    }

    /** Owner-only permissions where the file system has them: uploads are company data. */
    private static FileChannel createPrivate(Path file) {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("An upload file already exists at " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create an upload file at " + file, e);
        }
    }

    private static void write(FileChannel out, byte[] buffer, int length, Path file) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the upload file " + file, e);
        }
    }

    private static void force(FileChannel out, Path file) {
        try {
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot sync the upload file " + file, e);
        }
    }

    /** Quiet: the bytes were forced to disk before, and a failed upload is removed anyway. */
    private static void close(FileChannel out, Path file) {
        try {
            out.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot close the upload file " + file, e);
        }
    }

    /** Best effort: makes the rename durable where the platform can sync a directory (Linux can). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.FINE, "cannot sync directory " + dir, e);
        }
    }

    private static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot remove " + file + "; remove it by hand", e);
            return false;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
