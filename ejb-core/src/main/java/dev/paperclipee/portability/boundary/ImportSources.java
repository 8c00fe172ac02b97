package dev.paperclipee.portability.boundary;

import dev.paperclipee.portability.control.PackageArchive;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.NotFoundException;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;

/**
 * The files of an import's source: an uploaded package, or a directory of this server. Directory
 * imports read the server's disk, so they are off unless {@code PAPERCLIP_IMPORT_DIRS} (system
 * property {@code paperclip.import.dirs}; absolute directories separated by the platform's path
 * separator) names where packages may be read from; a directory outside those (after resolving
 * symbolic links) is refused.
 */
@Dependent
public class ImportSources {

    public static final String DIRS_ENV = "PAPERCLIP_IMPORT_DIRS";
    public static final String DIRS_PROPERTY = "paperclip.import.dirs";

    @PersistenceContext
    EntityManager em;

    SortedMap<String, byte[]> files(ImportRequest request) {
        if (requireSource(request)) {
            return PackageArchive.unzip(new ByteArrayInputStream(upload(request.packageId())));
        }
        return PackageArchive.directory(allowed(request.directory()));
    }

    /**
     * Checks that the request names exactly one source and that it can be read (the upload exists,
     * the directory is allowed); true for an upload, false for a directory.
     */
    boolean requireSource(ImportRequest request) {
        if ((request.packageId() == null) == (request.directory() == null || request.directory().isBlank())) {
            throw new InvalidInputException("source", "give exactly one of packageId (an uploaded zip) and directory", "invalid_union");
        }
        return request.packageId() != null;
    }

    byte[] upload(UUID packageId) {
        List<?> rows = em.createNativeQuery("select content from company_packages where id = ? and kind = 'upload'")
                .setParameter(1, packageId).getResultList();
        if (rows.isEmpty()) {
            throw NotFoundException.of("Package", packageId);
        }
        return (byte[]) rows.get(0);
    }

    static Path allowed(String directory) {
        Path dir;
        try {
            dir = Path.of(directory);
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidInputException("directory", "is not a path", "invalid_string");
        }
        if (!dir.isAbsolute() || directory.indexOf('\0') >= 0) {
            throw new InvalidInputException("directory", "must be an absolute path", "invalid_string");
        }
        String configured = System.getProperty(DIRS_PROPERTY, System.getenv(DIRS_ENV));
        if (configured == null || configured.isBlank()) {
            throw new ForbiddenException("Directory imports are off on this server: set " + DIRS_ENV
                    + " to the directories packages may be read from, or upload a zip");
        }
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException("directory", "is not a directory of this server", "not_found");
        }
        List<Path> roots = new ArrayList<>();
        for (String root : configured.split(File.pathSeparator)) {
            if (!root.isBlank()) {
                try {
                    roots.add(Path.of(root.strip()).toRealPath());
                } catch (IOException | RuntimeException ignored) {
                    // a configured directory that does not exist allows nothing
                }
            }
        }
        if (roots.stream().noneMatch(real::startsWith) || !Files.isDirectory(real)) {
            throw new ForbiddenException("directory is not under one of the directories " + DIRS_ENV + " allows");
        }
        return real;
    }
}
