package dev.paperclipee.db;

/**
 * A start-up problem the operator can fix. Its message is printed as one line, without a stack
 * trace, so it must say what is wrong and what to do.
 */
public class LaunchException extends Exception {

    private static final long serialVersionUID = 1L;

    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
