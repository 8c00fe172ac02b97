package dev.paperclipee.heartbeat.control;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A {@link RunOutput} that keeps every chunk in memory, in arrival order. */
final class RecordedOutput implements RunOutput {

    record Written(Stream stream, String chunk) {
    }

    private final List<Written> written = new ArrayList<>();

    @Override
    public synchronized void write(Stream stream, String chunk) {
        written.add(new Written(stream, chunk));
    }

    synchronized List<String> chunks(Stream stream) {
        return written.stream().filter(w -> w.stream() == stream).map(Written::chunk).collect(Collectors.toList());
    }

    String text(Stream stream) {
        return String.join("", chunks(stream));
    }

    /** Everything, all streams, for "this never appears anywhere" checks. */
    synchronized String all() {
        return written.stream().map(Written::chunk).collect(Collectors.joining("\n"));
    }
}
