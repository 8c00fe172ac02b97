package dev.paperclipee.attachment.control;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where uploaded files live. The runnable jar's launcher sets {@code paperclip.storage.dir}
 * ({@code $PAPERCLIP_HOME/instances/<instance>/data/storage}, or {@code PAPERCLIP_STORAGE_DIR});
 * an EAR on another server takes the same system property, or the environment variable
 * {@code PAPERCLIP_STORAGE_DIR}, and falls back to {@code ~/.paperclip/storage}.
 */
public final class StorageDirectory {

    public static final String PROPERTY = "paperclip.storage.dir";
    public static final String VARIABLE = "PAPERCLIP_STORAGE_DIR";

    private StorageDirectory() {
    }

    public static Path resolve(UnaryOperator<String> systemProperties, Map<String, String> environment) {
        String property = systemProperties.apply(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property.strip()).toAbsolutePath().normalize();
        }
        String variable = environment.get(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable.strip()).toAbsolutePath().normalize();
        }
        return Path.of(systemProperties.apply("user.home"), ".paperclip", "storage").toAbsolutePath().normalize();
    }
}
