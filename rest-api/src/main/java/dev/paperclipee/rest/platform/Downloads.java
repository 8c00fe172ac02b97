package dev.paperclipee.rest.platform;

import java.nio.charset.StandardCharsets;

/** Response headers for serving stored files. */
public final class Downloads {

    private Downloads() {
    }

    /**
     * {@code attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>} (RFC 6266):
     * always an attachment, never inline, so an uploaded page or script is not rendered by the
     * browser; the name cannot break out of the header (quotes, control characters and non-ASCII
     * never appear unencoded).
     */
    public static String contentDisposition(String filename) {
        String name = filename == null || filename.isEmpty() ? "attachment" : filename;
        StringBuilder ascii = new StringBuilder(name.length());
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + percentEncode(name);
    }

    /** RFC 5987 attr-chars stay, every other byte of the UTF-8 form is {@code %XX}. */
    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
