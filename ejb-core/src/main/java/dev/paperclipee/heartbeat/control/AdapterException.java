package dev.paperclipee.heartbeat.control;

/**
 * An invocation that could not start, or an adapter configuration that cannot work. The message
 * is shown to the board as the run's error (so it must never contain a secret); the code is the
 * run's machine-readable {@code errorCode}, e.g. {@code adapter_config_invalid}, {@code spawn_failed}.
 */
public class AdapterException extends Exception {

    private final String code;

    public AdapterException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public AdapterException(String code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
