package dev.paperclipee.rest;

import jakarta.ws.rs.core.Application;

import java.util.Map;

/**
 * The JAX-RS application. Mapped in {@code web.xml} rather than with {@code @ApplicationPath}:
 * at {@code /*} inside the EAR's {@code /api} web module, at {@code /api/*} inside the single
 * WAR of the runnable jar — the same URLs in both packagings.
 */
public class PaperclipApi extends Application {

    /** No WADL: an unknown path under /api answers "API route not found", whatever the JAX-RS runtime. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
