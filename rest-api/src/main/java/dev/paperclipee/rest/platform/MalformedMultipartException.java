package dev.paperclipee.rest.platform;

import java.io.IOException;

/**
 * A {@code multipart/form-data} body that does not follow RFC 7578 / RFC 2046, found while it is
 * streamed (and so thrown where reading happens, as an {@link IOException}). The API answers 400.
 */
public class MalformedMultipartException extends IOException {

    private static final long serialVersionUID = 1L;

    public MalformedMultipartException(String message) {
        super(message);
    }
}
