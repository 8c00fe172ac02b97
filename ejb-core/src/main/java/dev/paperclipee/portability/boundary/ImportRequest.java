package dev.paperclipee.portability.boundary;

import java.util.UUID;

/**
 * An import to preview or start (company-package.md §10): the source — an uploaded package
 * ({@code packageId}) or a directory of this server under one of {@code PAPERCLIP_IMPORT_DIRS} —, the
 * target — an existing company ({@code companyId}) or a new one ({@code newCompanyName} optional) —,
 * the collision strategy ({@code rename} by default, {@code skip}, {@code replace}) and whether the
 * package's projects and tasks are imported (default true).
 */
public record ImportRequest(UUID packageId, String directory, UUID companyId, String newCompanyName,
                            String collisionStrategy, Boolean projects, Boolean tasks) {
}
