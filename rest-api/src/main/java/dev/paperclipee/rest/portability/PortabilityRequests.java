package dev.paperclipee.rest.portability;

import dev.paperclipee.portability.boundary.ImportRequest;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.rest.platform.OptionalBody;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the portability routes; the boundaries check them again. */
public final class PortabilityRequests {

    private PortabilityRequests() {
    }

    /** {@code POST /companies/:id/exports}: projects and tasks are opt-in (default false). */
    @OptionalBody
    @Schema(name = "CompanyExportRequest")
    public record Export(Boolean projects, Boolean tasks) {
    }

    /**
     * {@code POST /companies/import/preview} and {@code POST /companies/import}: exactly one source
     * ({@code packageId} of an upload, or a server {@code directory}); {@code companyId} for an existing
     * company, else a new one ({@code newCompanyName} optional).
     */
    @Schema(name = "CompanyImportRequest")
    public record Import(@Size(max = 36) String packageId,
                         @Size(max = 4096) String directory,
                         @Size(max = 36) String companyId,
                         @Size(min = 1, max = 200) String newCompanyName,
                         @Schema(enumeration = {"rename", "skip", "replace"}) @Size(max = 20) String collisionStrategy,
                         Boolean projects,
                         Boolean tasks) {
        ImportRequest toRequest() {
            return new ImportRequest(Json.uuid("packageId", packageId), directory, Json.uuid("companyId", companyId),
                    newCompanyName, collisionStrategy, projects, tasks);
        }
    }
}
