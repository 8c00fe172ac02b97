package dev.paperclipee.heartbeat.control;

import dev.paperclipee.shared.entity.JsonText;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's log on disk (spec §11.2 "stream stdout/stderr to run logs"; api-contract
 * {@code GET /heartbeat-runs/:id/log}): one NDJSON line per chunk,
 * {@code {"ts":"2026-02-17T20:25:00.000Z","stream":"stdout","chunk":"…","seq":0}}, seq rising by
 * one from 0 in file order. Secrets are masked by a {@link Redactor} before anything is written.
 *
 * <p>Each line goes to the file in one write as soon as it is complete (no buffer in between), so
 * a crash loses at most the line being written; there is no fsync per line. Thread-safe: stdout
 * and stderr pumps and the adapter's own system lines write concurrently.
 *
 * <p><b>Secrets across chunks.</b> A chunk that ends in a line break is masked and written at once;
 * the process adapters write whole lines, so a secret inside a line is always masked. A chunk
 * without a line break (a line cut at {@link OutputPump#CHUNK_CHARS}, or the last, unfinished
 * line) is written except for its end when that end could begin a secret
 * ({@link Redactor#heldBack}); the held-back text goes in front of the stream's next chunk, or is
 * written on {@link #close()}. Limits: a bearer token longer than
 * {@value Redactor#MAX_BEARER_HELD} characters cut across chunks is only partly masked, and a
 * secret that the agent prints altered (split by other characters, encoded) is not recognised.
 * The {@code system} stream carries Paperclip's own complete messages and is never held back.
 *
 * <p>Opening an existing file appends to it: seq continues after its last line, and a line torn by
 * a crash is closed off first so that it stays a single unreadable line.
 */
public final class RunLogFile implements RunOutput, Closeable {

    /** One chunk as read back. */
    public record Chunk(long seq, Instant ts, Stream stream, String chunk) {
    }

    /**
     * Chunks read from a byte offset, and the offset to read from next time (after the last whole
     * line; an unfinished last line is left for then).
     */
    public record Page(List<Chunk> chunks, long nextOffset) {
    }

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonGeneratorFactory GENERATORS = JsonText.JSON.createGeneratorFactory(Map.of());
    /** How far back from the end an existing file is searched for its last seq. */
    private static final int TAIL_BYTES = 1024 * 1024;
    private static final int READ_BLOCK = 64 * 1024;

    private final Path file;
    private final Redactor redactor;
    private final Clock clock;
    private final OutputStream out;
    private final Map<Stream, String> held = new EnumMap<>(Stream.class);
    private long seq;
    private long bytes;
    private Instant lastOutputAt;
    private IOException failure;
    private boolean closed;

    /** Opens (creating or appending to) {@code file}; the parent directory must exist. */
    public RunLogFile(Path file, Redactor redactor) throws IOException {
        this(file, redactor, Clock.systemUTC());
    }

    public RunLogFile(Path file, Redactor redactor, Clock clock) throws IOException {
        this.file = file;
        this.redactor = redactor;
        this.clock = clock;
        boolean torn = false;
        if (Files.exists(file) && Files.size(file) > 0) {
            seq = lastSeq(file) + 1;
            torn = !endsWithLineBreak(file);
        }
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        this.bytes = Files.size(file);
        if (torn) {
            out.write('\n');
            bytes++;
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void write(Stream stream, String chunk) {
        if (stream == null || chunk == null || chunk.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            String text = held.getOrDefault(stream, "") + chunk;
            int keep = stream == Stream.system || text.endsWith("\n") ? 0 : redactor.heldBack(text);
            held.put(stream, text.substring(text.length() - keep));
            if (keep < text.length()) {
                append(stream, redactor.redact(text.substring(0, text.length() - keep)));
            }
        }
    }

    private void append(Stream stream, String text) {
        Instant now = clock.instant();
        StringWriter line = new StringWriter(text.length() + 96);
        try (JsonGenerator json = GENERATORS.createGenerator(line)) {
            json.writeStartObject()
                    .write("ts", TIMESTAMP.format(now))
                    .write("stream", stream.name())
                    .write("chunk", text)
                    .write("seq", seq)
                    .writeEnd();
        }
        line.write('\n');
        byte[] encoded = line.toString().getBytes(StandardCharsets.UTF_8);
        try {
            out.write(encoded);
            seq++;
            bytes += encoded.length;
            if (stream != Stream.system) {
                lastOutputAt = now;
            }
        } catch (IOException e) {
            // a full disk must not stop the run; the runtime sees the failure and reports it
            failure = e;
        }
    }

    /** Bytes in the file ({@code log_bytes}). */
    public synchronized long bytesWritten() {
        return bytes;
    }

    /** When the agent last printed something ({@code last_output_at}); Paperclip's own lines do not count. */
    public synchronized Optional<Instant> lastOutputAt() {
        return Optional.ofNullable(lastOutputAt);
    }

    /** The seq the next line gets (= the number of lines written, for a new file). */
    public synchronized long nextSeq() {
        return seq;
    }

    /** The last write that failed, if any (later lines may still have been written). */
    public synchronized Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Writes what was held back and closes the file; later writes are dropped. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        for (Map.Entry<Stream, String> rest : held.entrySet()) {
            if (!rest.getValue().isEmpty()) {
                append(rest.getKey(), redactor.redact(rest.getValue()));
            }
        }
        held.clear();
        closed = true;
        out.close();
    }

    /**
     * Reads the chunks of whole lines from {@code fromByteOffset} (0, or a previous
     * {@link Page#nextOffset()}), about {@code maxBytes} of them: a line longer than that is still
     * read whole. A complete line that is not a chunk (torn by a crash) is skipped; an unfinished
     * last line is not read.
     */
    public static Page read(Path file, long fromByteOffset, int maxBytes) throws IOException {
        if (fromByteOffset < 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("offset must be >= 0 and maxBytes > 0");
        }
        if (!Files.exists(file)) {
            return new Page(List.of(), fromByteOffset);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (fromByteOffset >= size) {
                return new Page(List.of(), fromByteOffset);
            }
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            long position = fromByteOffset;
            int lastBreak = -1;
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Math.max(maxBytes, 1), READ_BLOCK));
            while (position < size && (read.size() < maxBytes || lastBreak < 0)) {
                buffer.clear();
                if (read.size() < maxBytes) {
                    buffer.limit((int) Math.min(buffer.capacity(), maxBytes - read.size()));
                }
                int n = channel.read(buffer, position);
                if (n <= 0) {
                    break;
                }
                byte[] bytes = buffer.array();
                for (int i = 0; i < n; i++) {
                    if (bytes[i] == '\n') {
                        lastBreak = read.size() + i;
                    }
                }
                read.write(bytes, 0, n);
                position += n;
            }
            if (lastBreak < 0) {
                return new Page(List.of(), fromByteOffset);
            }
            String text = new String(read.toByteArray(), 0, lastBreak + 1, StandardCharsets.UTF_8);
            List<Chunk> chunks = new ArrayList<>();
            for (String line : text.split("\n")) {
                Chunk chunk = parse(line);
                if (chunk != null) {
                    chunks.add(chunk);
                }
            }
            return new Page(chunks, fromByteOffset + lastBreak + 1);
        }
    }

    private static Chunk parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonObject json = JsonText.parse(line);
            return new Chunk(((JsonNumber) json.get("seq")).longValueExact(), Instant.parse(json.getString("ts")),
                    Stream.valueOf(json.getString("stream")), json.getString("chunk"));
        } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException
                 | IllegalArgumentException | java.time.format.DateTimeParseException torn) {
            return null;
        }
    }

    private static long lastSeq(Path file) throws IOException {
        long size = Files.size(file);
        long from = Math.max(0, size - TAIL_BYTES);
        long last = -1;
        long offset = from;
        while (true) {
            Page page = read(file, offset, TAIL_BYTES);
            for (Chunk chunk : page.chunks()) {
                last = Math.max(last, chunk.seq());
            }
            if (page.nextOffset() == offset) {
                return last;
            }
            offset = page.nextOffset();
        }
    }

    private static boolean endsWithLineBreak(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) == '\n';
        }
    }
}
