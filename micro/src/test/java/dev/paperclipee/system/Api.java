package dev.paperclipee.system;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A small JSON client for {@code /api} on the JDK HttpClient and JSON-P. */
final class Api {

    static final String JSON = "application/json";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI base;

    Api(URI base) {
        this.base = base;
    }

    static Api ofSharedApp() {
        return new Api(PaperclipApp.get().baseUri());
    }

    Reply get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    Reply get(String path, Map<String, String> headers) {
        return send("GET", path, null, null, headers);
    }

    Reply post(String path, String json) {
        return send("POST", path, JSON, json, Map.of());
    }

    Reply patch(String path, String json) {
        return send("PATCH", path, JSON, json, Map.of());
    }

    /**
     * Any request. A null {@code body} sends none; a null {@code contentType} sends no
     * Content-Type header.
     */
    Reply send(String method, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(method + " " + path, response.statusCode(), response.headers(), response.body(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request with a binary body (uploads); the answer is read as text, like every JSON answer. */
    Reply sendBytes(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(method + " " + path, response.statusCode(), response.headers(), response.body(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET whose answer is kept as bytes (downloads). */
    BytesReply getBytes(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new BytesReply("GET " + path, response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A binary answer. */
    record BytesReply(String request, int status, HttpHeaders headers, byte[] body) {

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        @Override
        public String toString() {
            return request + " → " + status + " (" + body.length + " bytes) " + headers.map();
        }
    }

    /** One answer; the JSON accessors fail with the request and the raw body in the message. */
    record Reply(String request, int status, HttpHeaders headers, String body, Duration elapsed) {

        JsonValue json() {
            try {
                return Json.createReader(new StringReader(body)).readValue();
            } catch (RuntimeException e) {
                throw new AssertionError(this + " is not JSON", e);
            }
        }

        JsonObject object() {
            JsonValue value = json();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new AssertionError(this + " is not a JSON object");
            }
            return value.asJsonObject();
        }

        JsonArray array() {
            JsonValue value = json();
            if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new AssertionError(this + " is not a JSON array");
            }
            return value.asJsonArray();
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        @Override
        public String toString() {
            String shown = body.length() > 500 ? body.substring(0, 500) + "…" : body;
            return request + " → " + status + " " + shown;
        }
    }
}
