package dev.paperclipee.rest.platform;

import dev.paperclipee.shared.entity.JsonText;

import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Every JSON request body of this API is exactly one object. JSON-B alone would bind the first
 * element of an array, or the first of two concatenated objects, and ignore trailing garbage —
 * so a truncated or doubled body could act on half of what the client sent. The body is read
 * once (bounded), checked with a streaming parser and handed on unchanged.
 */
@Provider
public class StrictJsonBodies implements ReaderInterceptor {

    /** JSON bodies are small; files travel as multipart. Larger is refused before parsing. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    /** Created once: {@code Json.createParser} looks the provider up (a class path scan) on every call. */
    private static final JsonParserFactory PARSERS = JsonText.JSON.createParserFactory(Map.of());

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return context.proceed();
        }
        byte[] body = readBounded(context.getInputStream());
        if (body.length == 0 && context.getType().isAnnotationPresent(OptionalBody.class)) {
            body = EMPTY_OBJECT;
        }
        String problem = body.length == 0 ? null : problemWith(body);
        if (problem != null) {
            throw new WebApplicationException(ApiError.response(400, "Malformed JSON body", Map.of("reason", problem)));
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            throw new WebApplicationException(ApiError.response(413,
                    "Request body too large: JSON bodies are limited to " + MAX_BYTES + " bytes"));
        }
        return body;
    }

    /** Why the body is not exactly one JSON object, or null when it is. */
    static String problemWith(byte[] body) {
        try (JsonParser parser = PARSERS.createParser(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return "the body must be a JSON object";
            }
            // walk to the matching end (Parsson's skipObject() spins on truncated input)
            int depth = 1;
            while (depth > 0) {
                if (!parser.hasNext()) {
                    return "the JSON object is not complete";
                }
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    default -> {
                        // keys and values
                    }
                }
            }
            return parser.hasNext() ? "unexpected content after the JSON object" : null;
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            return e.getMessage() == null ? "the body is not valid JSON" : e.getMessage();
        } catch (RuntimeException e) {
            // Parsson refuses nesting deeper than 1000 with a plain RuntimeException
            return e.getMessage() == null ? "the body is not valid JSON" : e.getMessage();
        }
    }
}
