package dev.paperclipee.rest.secret;

import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.secret.entity.CompanySecret;

import java.util.UUID;

/**
 * A secret as the API shows it (upstream's secret fields): metadata and the latest version
 * number — never the value, not even right after it was sent.
 */
public record SecretResponse(String id, String companyId, String name, String provider, String externalRef,
                             int latestVersion, String description, String createdByAgentId, String createdByUserId,
                             String createdAt, String updatedAt) {

    public static SecretResponse of(CompanySecret s) {
        return new SecretResponse(s.getId().toString(), s.getCompanyId().toString(), s.getName(), s.getProvider(),
                s.getExternalRef(), s.getLatestVersion(), s.getDescription(), text(s.getCreatedByAgentId()),
                text(s.getCreatedByUserId()), Json.time(s.getCreatedAt()), Json.time(s.getUpdatedAt()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
