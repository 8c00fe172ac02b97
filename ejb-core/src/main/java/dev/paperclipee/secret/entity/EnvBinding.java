package dev.paperclipee.secret.entity;

import java.util.UUID;

/**
 * One entry of an agent's {@code adapterConfig.env} or a project's {@code env} (spec §7.5, §7.12),
 * in upstream's secret-aware binding format: a plain string or {@code {"type": "plain", "value":
 * "..."}} carries its value; {@code {"type": "secret_ref", "secretId": "<uuid>", "version":
 * "latest" | n}} names a company secret, resolved only when a run starts.
 *
 * @param name     the variable name
 * @param value    the plain value, or null for a reference
 * @param secretId the referenced secret, or null for a plain value
 * @param version  the pinned version, or null for {@code latest}
 */
public record EnvBinding(String name, String value, UUID secretId, Integer version) {

    public static final String PLAIN = "plain";
    public static final String SECRET_REF = "secret_ref";
    public static final String LATEST = "latest";

    public static EnvBinding plain(String name, String value) {
        return new EnvBinding(name, value, null, null);
    }

    public static EnvBinding secretRef(String name, UUID secretId, Integer version) {
        return new EnvBinding(name, null, secretId, version);
    }

    public boolean isSecretRef() {
        return secretId != null;
    }
}
