package dev.paperclipee.rest.platform;

import dev.paperclipee.shared.entity.InvalidInputException;

import jakarta.ws.rs.WebApplicationException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming reader of {@code multipart/form-data} request bodies (RFC 7578): parts are read one
 * after another straight from the request, so a file part reaches its consumer as it arrives —
 * never buffered whole in memory or in a temporary file — and the consumer decides when to stop
 * reading (the attachment size limit). JAX-RS 3.1's {@code EntityPart} would do for small forms,
 * but Jersey reads and buffers the entire body before the resource method runs.
 *
 * <p>Bounds keep a hostile body cheap: part headers at most {@value #MAX_HEADER_BYTES} bytes,
 * at most {@value #MAX_PARTS} parts. Header values are UTF-8 (what browsers and curl send); a
 * file name may also come as RFC 5987 {@code filename*=UTF-8''…}.
 */
public final class MultipartForm {

    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int MAX_PARTS = 20;
    static final int BUFFER = 16 * 1024;

    private final InputStream in;
    /** CRLF "--" boundary: what ends every part (the body is read as if it began with a CRLF). */
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int end;
    private boolean eof;
    private boolean started;
    private boolean done;
    private int parts;
    private Part current;

    private MultipartForm(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
    }

    /**
     * A reader of {@code body}, or 415 when {@code contentType} is not {@code multipart/form-data}
     * and 400 when it has no usable boundary.
     */
    public static MultipartForm of(String contentType, InputStream body) {
        HeaderValue type = HeaderValue.parse(contentType == null ? "" : contentType);
        if (!type.value().equalsIgnoreCase("multipart/form-data")) {
            throw new WebApplicationException(ApiError.response(415,
                    "Unsupported media type: send multipart/form-data with the file in a part named file"));
        }
        String boundary = type.params().get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70 || !boundary.chars().allMatch(c -> c > 31 && c < 127)
                || boundary.endsWith(" ")) {
            throw new WebApplicationException(ApiError.response(400, "Malformed multipart body",
                    Map.of("reason", "the Content-Type has no valid boundary parameter")));
        }
        return new MultipartForm(body, boundary);
    }

    /** The next part, or null after the last one. The previous part's unread content is skipped. */
    public Part next() throws IOException {
        if (done) {
            return null;
        }
        if (current != null) {
            current.content.skipRest();
            current = null;
        } else if (!started) {
            skipPreamble();
        }
        started = true;
        // just after a delimiter: "--" closes the body, otherwise optional white space and CRLF
        require(2);
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            done = true;
            return null;
        }
        while (true) {
            require(1);
            if (buf[pos] == ' ' || buf[pos] == '\t') {
                pos++;
            } else {
                break;
            }
        }
        require(2);
        if (buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw new MalformedMultipartException("a boundary line is followed by something other than a line break");
        }
        pos += 2;
        if (++parts > MAX_PARTS) {
            throw new MalformedMultipartException("more than " + MAX_PARTS + " parts");
        }
        Map<String, String> headers = readHeaders();
        HeaderValue disposition = HeaderValue.parse(headers.getOrDefault("content-disposition", ""));
        String name = disposition.params().get("name");
        if (!disposition.value().equalsIgnoreCase("form-data") || name == null) {
            throw new MalformedMultipartException("every part needs Content-Disposition: form-data with a name");
        }
        current = new Part(name, filename(disposition), headers.get("content-type"), new PartStream());
        return current;
    }

    private void skipPreamble() throws IOException {
        while (true) {
            int at = indexOfDelimiter();
            if (at >= 0) {
                pos = at + delimiter.length;
                return;
            }
            if (eof) {
                throw new MalformedMultipartException("the body has no part with the boundary of its Content-Type");
            }
            pos = Math.max(pos, end - (delimiter.length - 1));
            fill();
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        String last = null;
        while (true) {
            int lineEnd = indexOf((byte) '\r', (byte) '\n');
            while (lineEnd < 0) {
                if (end - pos > MAX_HEADER_BYTES - total) {
                    throw new MalformedMultipartException("part headers longer than " + MAX_HEADER_BYTES + " bytes");
                }
                if (eof) {
                    throw new MalformedMultipartException("the body ends inside part headers");
                }
                fill();
                lineEnd = indexOf((byte) '\r', (byte) '\n');
            }
            total += lineEnd - pos + 2;
            if (total > MAX_HEADER_BYTES) {
                throw new MalformedMultipartException("part headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
            String line = utf8(buf, pos, lineEnd - pos);
            pos = lineEnd + 2;
            if (line.isEmpty()) {
                return headers;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
                headers.put(last, headers.get(last) + " " + line.strip()); // obsolete line folding
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedMultipartException("a part header line without a name");
            }
            last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            headers.putIfAbsent(last, line.substring(colon + 1).strip());
        }
    }

    /** RFC 6266/5987: {@code filename*} (UTF-8 or ISO-8859-1) wins over {@code filename}. */
    private static String filename(HeaderValue disposition) throws MalformedMultipartException {
        String extended = disposition.params().get("filename*");
        if (extended != null) {
            int first = extended.indexOf('\'');
            int second = first < 0 ? -1 : extended.indexOf('\'', first + 1);
            if (second < 0) {
                throw new MalformedMultipartException("filename* is not charset'language'value");
            }
            String charset = extended.substring(0, first).toUpperCase(Locale.ROOT);
            if (charset.equals("UTF-8") || charset.equals("ISO-8859-1")) {
                byte[] bytes = percentDecode(extended.substring(second + 1));
                return charset.equals("UTF-8") ? utf8(bytes, 0, bytes.length)
                        : new String(bytes, StandardCharsets.ISO_8859_1);
            }
        }
        return disposition.params().get("filename");
    }

    private static byte[] percentDecode(String text) throws MalformedMultipartException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
                if (lo < 0) {
                    throw new MalformedMultipartException("filename* has a bad percent escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c < 128) {
                out.write(c);
            } else {
                throw new MalformedMultipartException("filename* must be percent-encoded");
            }
        }
        return out.toByteArray();
    }

    private static String utf8(byte[] bytes, int offset, int length) throws MalformedMultipartException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMultipartException("part headers must be UTF-8 text");
        }
    }

    /** Makes at least {@code n} unread bytes available, or fails: the body ended too early. */
    private void require(int n) throws IOException {
        while (end - pos < n) {
            if (eof) {
                throw new MalformedMultipartException("the body ends without its closing boundary");
            }
            fill();
        }
    }

    /** Moves the unread bytes to the front and reads more; sets {@link #eof} at the end of the body. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        if (end == buf.length) {
            throw new IllegalStateException("multipart buffer full");
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    private int indexOfDelimiter() {
        int last = end - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            if (buf[i] != '\r') {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private int indexOf(byte a, byte b) {
        for (int i = pos; i < end - 1; i++) {
            if (buf[i] == a && buf[i + 1] == b) {
                return i;
            }
        }
        return -1;
    }

    /** One part: its name, file name and declared type, and its content as a stream. */
    public static final class Part {
        private final String name;
        private final String filename;
        private final String contentType;
        private final PartStream content;

        private Part(String name, String filename, String contentType, PartStream content) {
            this.name = name;
            this.filename = filename;
            this.contentType = contentType;
            this.content = content;
        }

        public String name() { return name; }
        public String filename() { return filename; }
        public String contentType() { return contentType; }
        public InputStream content() { return content; }

        /** The content as UTF-8 text of at most {@code maxBytes} bytes (400 naming the part otherwise). */
        public String text(int maxBytes) throws IOException {
            byte[] bytes = content.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new InvalidInputException(name, "must be at most " + maxBytes + " bytes", "too_big");
            }
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new InvalidInputException(name, "must be UTF-8 text", "invalid_string");
            }
        }
    }

    /** A part's content: the bytes up to the next delimiter. */
    private final class PartStream extends InputStream {
        private boolean finished;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (finished || current == null || current.content != this) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int at = indexOfDelimiter();
                int available = at >= 0 ? at - pos : end - pos - (delimiter.length - 1);
                if (at == pos) {
                    finished = true;
                    pos += delimiter.length;
                    return -1;
                }
                if (available > 0) {
                    int n = Math.min(available, len);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (eof) {
                    throw new MalformedMultipartException("the body ends inside a part");
                }
                fill();
            }
        }

        void skipRest() throws IOException {
            byte[] skip = new byte[BUFFER];
            while (read(skip, 0, skip.length) >= 0) {
                // discard
            }
        }
    }

    /** A header value with parameters: {@code form-data; name="file"; filename="a.txt"}. */
    record HeaderValue(String value, Map<String, String> params) {

        /**
         * Parameter names in lower case; the first of a name wins. Quoted strings are unquoted; a
         * backslash escapes only a quote or a backslash (browsers send file names with other
         * backslashes unescaped, and percent-encode quotes).
         */
        static HeaderValue parse(String header) {
            int n = header.length();
            int semicolon = header.indexOf(';');
            String value = (semicolon < 0 ? header : header.substring(0, semicolon)).strip();
            Map<String, String> params = new LinkedHashMap<>();
            int i = semicolon < 0 ? n : semicolon + 1;
            while (i < n) {
                while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t' || header.charAt(i) == ';')) {
                    i++;
                }
                int eq = header.indexOf('=', i);
                int nextSemicolon = header.indexOf(';', i);
                if (eq < 0 || nextSemicolon >= 0 && nextSemicolon < eq) {
                    i = nextSemicolon < 0 ? n : nextSemicolon + 1; // a parameter without a value: ignored
                    continue;
                }
                String name = header.substring(i, eq).strip().toLowerCase(Locale.ROOT);
                i = eq + 1;
                while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                    i++;
                }
                StringBuilder v = new StringBuilder();
                if (i < n && header.charAt(i) == '"') {
                    i++;
                    while (i < n && header.charAt(i) != '"') {
                        char c = header.charAt(i);
                        if (c == '\\' && i + 1 < n && (header.charAt(i + 1) == '"' || header.charAt(i + 1) == '\\')) {
                            c = header.charAt(++i);
                        }
                        v.append(c);
                        i++;
                    }
                    i++; // the closing quote
                    while (i < n && header.charAt(i) != ';') {
                        i++;
                    }
                } else {
                    int stop = header.indexOf(';', i);
                    v.append(header, i, stop < 0 ? n : stop);
                    i = stop < 0 ? n : stop;
                    String trimmed = v.toString().strip();
                    v.setLength(0);
                    v.append(trimmed);
                }
                if (!name.isEmpty()) {
                    params.putIfAbsent(name, v.toString());
                }
            }
            return new HeaderValue(value, params);
        }
    }
}
