package dev.paperclipee.rest;

import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application. Mapped in {@code web.xml} rather than with {@code @ApplicationPath}:
 * at {@code /*} inside the EAR's {@code /api} web module, at {@code /api/*} inside the single
 * WAR of the runnable jar — the same URLs in both packagings.
 */
public class PaperclipApi extends Application {
}
