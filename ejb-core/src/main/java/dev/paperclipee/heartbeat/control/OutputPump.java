package dev.paperclipee.heartbeat.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Copies one of a child's output streams to the {@link RunOutput} as it arrives: one chunk per
 * line (the line break included), so that a live tail shows whole lines and a secret inside a line
 * is redacted in one piece. A line that never ends (a progress bar, a binary blob) is cut every
 * {@link #CHUNK_CHARS} characters, so memory stays bounded whatever the child prints. Bytes that
 * are not UTF-8 become U+FFFD instead of failing the run.
 */
final class OutputPump implements Runnable {

    /** Longest chunk written for a line that does not end. */
    static final int CHUNK_CHARS = 16 * 1024;

    /** Longest line handed to a {@link RunInterpreter}; a longer one is logged but not parsed. */
    static final int MAX_LINE = 4 * 1024 * 1024;

    private final InputStream in;
    private final RunOutput.Stream stream;
    private final RunOutput output;
    private final Consumer<String> lines;

    /**
     * @param lines receives each whole line without its line break, or null if nobody parses them
     */
    OutputPump(InputStream in, RunOutput.Stream stream, RunOutput output, Consumer<String> lines) {
        this.in = in;
        this.stream = stream;
        this.output = output;
        this.lines = lines;
    }

    @Override
    public void run() {
        StringBuilder chunk = new StringBuilder();
        StringBuilder line = lines == null ? null : new StringBuilder();
        boolean lineTooLong = false;
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE))) {
            char[] buffer = new char[8192];
            int read;
            while ((read = reader.read(buffer)) >= 0) {
                for (int i = 0; i < read; i++) {
                    char c = buffer[i];
                    chunk.append(c);
                    if (line != null && !lineTooLong) {
                        if (c != '\n') {
                            line.append(c);
                        }
                        if (line.length() > MAX_LINE) {
                            lineTooLong = true;
                            line.setLength(0);
                        }
                    }
                    if (c == '\n') {
                        emit(chunk, chunk.length());
                        if (line != null) {
                            if (!lineTooLong) {
                                deliver(line);
                            }
                            line.setLength(0);
                            lineTooLong = false;
                        }
                    } else if (chunk.length() >= CHUNK_CHARS) {
                        // never split a surrogate pair: the half would become U+FFFD in the log
                        int cut = Character.isHighSurrogate(chunk.charAt(chunk.length() - 1)) ? chunk.length() - 1 : chunk.length();
                        emit(chunk, cut);
                    }
                }
            }
        } catch (IOException closed) {
            // the process is gone and its pipe closed under us: what was read has been written
        } finally {
            if (chunk.length() > 0) {
                emit(chunk, chunk.length());
            }
            if (line != null && !lineTooLong && line.length() > 0) {
                deliver(line);
            }
        }
    }

    private void emit(StringBuilder chunk, int length) {
        String text = chunk.substring(0, length);
        chunk.delete(0, length);
        try {
            output.write(stream, text);
        } catch (RuntimeException lost) {
            // a log that cannot take this chunk must not stop the draining of the pipe (the child would block)
        }
    }

    private void deliver(StringBuilder line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        try {
            lines.accept(line.substring(0, end));
        } catch (RuntimeException unparsable) {
            // an interpreter that trips over a line must not stop the copying of the output
        }
    }
}
