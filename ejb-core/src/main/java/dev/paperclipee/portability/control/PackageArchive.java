package dev.paperclipee.portability.control;

import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.PayloadTooLargeException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The containers of a package — a zip or a server directory — read with limits that keep a hostile
 * one cheap: at most {@value #MAX_FILES} files, {@value #MAX_FILE_BYTES} bytes per file and
 * {@value #MAX_TOTAL_BYTES} bytes in all, counted as the bytes are inflated (the sizes a zip
 * declares are not trusted, so a zip bomb stops at the limit: 413); paths that are absolute, climb
 * out with {@code ..}, hold a backslash, a NUL or a drive letter are refused (400), and so are
 * duplicate paths. A directory is walked without following symbolic links. Hidden files other than
 * the sidecar and directories such as {@code .git} are skipped.
 */
public final class PackageArchive {

    public static final int MAX_FILES = 2000;
    public static final int MAX_FILE_BYTES = 1024 * 1024;
    public static final long MAX_TOTAL_BYTES = 20L * 1024 * 1024;
    /** The compressed size an upload may have: inflating never gives less than this anyway. */
    public static final long MAX_ZIP_BYTES = MAX_TOTAL_BYTES;

    private static final Pattern BAD_SEGMENT = Pattern.compile("|\\.|\\.\\.|[A-Za-z]:");

    private PackageArchive() {
    }

    /** The files of a zip, by normalized relative path. */
    public static SortedMap<String, byte[]> unzip(InputStream zip) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(zip, StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.isDirectory()) {
                    continue;
                }
                String path = normalize(entry.getName());
                if (skipped(path)) {
                    continue;
                }
                if (files.size() >= MAX_FILES) {
                    throw new PayloadTooLargeException("The package has more than " + MAX_FILES + " files",
                            Map.of("maxFiles", MAX_FILES));
                }
                byte[] bytes = readLimited(in, path);
                total += bytes.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw new PayloadTooLargeException("The package's files hold more than " + MAX_TOTAL_BYTES + " bytes",
                            Map.of("maxTotalBytes", MAX_TOTAL_BYTES));
                }
                if (files.put(path, bytes) != null) {
                    throw new InvalidInputException("file", "the zip holds " + path + " twice", "duplicate_entry");
                }
            }
        } catch (ZipException | IllegalArgumentException e) {
            throw new InvalidInputException("file", "not a readable zip file: " + e.getMessage(), "invalid_zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new InvalidInputException("file", "the zip holds no files (is it a zip file?)", "invalid_zip");
        }
        return files;
    }

    /** The files under a directory of this server, by relative path. */
    public static SortedMap<String, byte[]> directory(Path dir) {
        if (!dir.isAbsolute()) {
            throw new InvalidInputException("source.directory", "must be an absolute path", "invalid_string");
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("source.directory", "is not a directory of this server", "not_found");
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        long[] total = {0};
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!attributes.isRegularFile()) {
                    continue; // directories, and symbolic links, which could point anywhere
                }
                String path = normalize(dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"));
                if (skipped(path)) {
                    continue;
                }
                if (files.size() >= MAX_FILES) {
                    throw new PayloadTooLargeException("The package has more than " + MAX_FILES + " files",
                            Map.of("maxFiles", MAX_FILES));
                }
                if (attributes.size() > MAX_FILE_BYTES) {
                    throw tooBig(path);
                }
                byte[] bytes;
                try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                    bytes = readLimited(in, path);
                }
                total[0] += bytes.length;
                if (total[0] > MAX_TOTAL_BYTES) {
                    throw new PayloadTooLargeException("The package's files hold more than " + MAX_TOTAL_BYTES + " bytes",
                            Map.of("maxTotalBytes", MAX_TOTAL_BYTES));
                }
                files.put(path, bytes);
            }
        } catch (IOException e) {
            throw new InvalidInputException("source.directory", "cannot be read: " + e.getMessage(), "unreadable");
        }
        return files;
    }

    /** A zip of the files, each under {@code rootFolder/}. */
    public static byte[] zip(String rootFolder, Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
                ZipEntry entry = new ZipEntry(rootFolder + "/" + f.getKey());
                entry.setTime(0L); // the same package gives the same bytes
                out.putNextEntry(entry);
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String normalize(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0 || name.length() > 500) {
            throw unsafe(name);
        }
        String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : path.split("/", -1)) {
            if (BAD_SEGMENT.matcher(segment).matches()) {
                throw unsafe(name);
            }
        }
        return path;
    }

    private static boolean skipped(String path) {
        for (String segment : path.split("/")) {
            if (segment.startsWith(".") && !segment.equals(PackageWriter.SIDECAR)) {
                return true;
            }
        }
        return path.startsWith("__MACOSX/");
    }

    private static byte[] readLimited(InputStream in, String path) throws IOException {
        byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw tooBig(path);
        }
        return bytes;
    }

    private static PayloadTooLargeException tooBig(String path) {
        return new PayloadTooLargeException("The package file " + path + " is larger than " + MAX_FILE_BYTES + " bytes",
                Map.of("file", path, "maxFileBytes", MAX_FILE_BYTES));
    }

    private static InvalidInputException unsafe(String name) {
        String shown = name.length() > 100 ? name.substring(0, 100) + "…" : name;
        return new InvalidInputException("file", "the package path '" + shown.replace('\0', '?')
                + "' is absolute, climbs out of the package or is not a plain relative path", "unsafe_path");
    }
}
