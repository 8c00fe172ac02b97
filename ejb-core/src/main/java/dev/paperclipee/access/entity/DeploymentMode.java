package dev.paperclipee.access.entity;

import java.util.Locale;

/**
 * How humans reach the board (spec §3, deployment-modes.md): {@code local_trusted} treats every
 * request without credentials as the board operator and is only safe on loopback;
 * {@code authenticated} requires board users to log in.
 */
public enum DeploymentMode {
    LOCAL_TRUSTED, AUTHENTICATED;

    public static final String PROPERTY = "paperclip.deployment.mode";
    public static final String ENV = "PAPERCLIP_DEPLOYMENT_MODE";

    /**
     * From {@code PAPERCLIP_DEPLOYMENT_MODE} (system property or environment), default
     * local_trusted. Any other value is refused (IllegalArgumentException naming the variable):
     * guessing a mode could open the board to the network.
     */
    public static DeploymentMode current() {
        return parse(System.getProperty(PROPERTY, System.getenv(ENV)));
    }

    static DeploymentMode parse(String value) {
        if (value == null || value.isBlank()) {
            return LOCAL_TRUSTED;
        }
        String wire = value.strip();
        for (DeploymentMode mode : values()) {
            if (mode.wire().equals(wire)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(ENV + " must be local_trusted or authenticated, got '" + wire + "'");
    }

    public boolean isLocalTrusted() {
        return this == LOCAL_TRUSTED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
