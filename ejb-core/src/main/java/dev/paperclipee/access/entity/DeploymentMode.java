package dev.paperclipee.access.entity;

import java.util.Locale;

/**
 * How humans reach the board (spec §3, deployment-modes.md): {@code local_trusted} treats every
 * request without credentials as the board operator and is only safe on loopback;
 * {@code authenticated} requires board users to log in.
 */
public enum DeploymentMode {
    LOCAL_TRUSTED, AUTHENTICATED;

    /** From {@code PAPERCLIP_DEPLOYMENT_MODE} (system property or environment), default local_trusted. */
    public static DeploymentMode current() {
        String value = System.getProperty("paperclip.deployment.mode", System.getenv("PAPERCLIP_DEPLOYMENT_MODE"));
        if (value == null || value.isBlank()) {
            return LOCAL_TRUSTED;
        }
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
