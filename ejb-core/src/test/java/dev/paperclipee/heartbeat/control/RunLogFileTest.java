package dev.paperclipee.heartbeat.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.paperclipee.heartbeat.control.Fixtures.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NDJSON run log: line format, redaction, the reader's offsets and concurrent writers. */
class RunLogFileTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-17T20:25:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path log() {
        return dir.resolve("run.ndjson");
    }

    private static List<RunLogFile.Chunk> all(Path file) throws Exception {
        return RunLogFile.read(file, 0, Integer.MAX_VALUE).chunks();
    }

    @Test
    void writesOneNdjsonLinePerChunkWithRisingSeq() throws Exception {
        try (RunLogFile file = new RunLogFile(log(), Redactor.none(), CLOCK)) {
            file.stdout("hello \"world\"\n");
            file.system("Started sh");
            assertEquals(Files.size(log()), file.bytesWritten());
            assertEquals(2, file.nextSeq());
            assertEquals(CLOCK.instant(), file.lastOutputAt().orElseThrow());
        }

        List<String> lines = Files.readAllLines(log());
        assertEquals("{\"ts\":\"2026-02-17T20:25:00.000Z\",\"stream\":\"stdout\",\"chunk\":\"hello \\\"world\\\"\\n\",\"seq\":0}", lines.get(0));
        assertEquals("{\"ts\":\"2026-02-17T20:25:00.000Z\",\"stream\":\"system\",\"chunk\":\"Started sh\",\"seq\":1}", lines.get(1));
    }

    @Test
    void systemLinesDoNotCountAsAgentOutput() throws Exception {
        try (RunLogFile file = new RunLogFile(log(), Redactor.none(), CLOCK)) {
            file.system("Started sh");
            assertTrue(file.lastOutputAt().isEmpty());
        }
    }

    @Test
    void secretsAreMaskedBeforeTheyReachTheDisk() throws Exception {
        String agentKey = "pcp_" + "a1b2c3d4e5f6".repeat(4);
        Redactor redactor = Redactor.of(List.of(TOKEN, "hunter2-password"));
        try (RunLogFile file = new RunLogFile(log(), redactor, CLOCK)) {
            file.stdout("token " + TOKEN + "\n");
            file.stderr("db hunter2-password\n");
            file.stdout("curl -H 'Authorization: Bearer abcdefgh.ijklmnop' " + agentKey + "\n");
            file.system("echo " + TOKEN);
        }

        String disk = Files.readString(log());
        assertFalse(disk.contains(TOKEN) || disk.contains("hunter2") || disk.contains("abcdefgh") || disk.contains(agentKey), disk);
        assertEquals(List.of("token ***REDACTED***\n", "db ***REDACTED***\n",
                        "curl -H 'Authorization: Bearer ***REDACTED***' ***REDACTED***\n", "echo ***REDACTED***"),
                all(log()).stream().map(RunLogFile.Chunk::chunk).toList());
    }

    @Test
    void aSecretSplitAcrossChunksOfOneLineIsStillMasked() throws Exception {
        Redactor redactor = Redactor.of(List.of(TOKEN));
        int half = TOKEN.length() / 2;
        try (RunLogFile file = new RunLogFile(log(), redactor, CLOCK)) {
            file.stdout("key: " + TOKEN.substring(0, half));
            file.stderr("unrelated\n");
            file.stdout(TOKEN.substring(half) + " done\n");
            file.stdout("Authorization: Bearer abcd");
            file.stdout("efgh1234\n");
            file.stdout("no newline at the end " + TOKEN.substring(0, 10));
        }

        String disk = Files.readString(log());
        assertFalse(disk.contains(TOKEN.substring(half)) || disk.contains("efgh1234"), disk);
        String stdout = String.join("", all(log()).stream()
                .filter(c -> c.stream() == RunOutput.Stream.stdout).map(RunLogFile.Chunk::chunk).toList());
        assertEquals("key: ***REDACTED*** done\nAuthorization: Bearer ***REDACTED***\nno newline at the end "
                + TOKEN.substring(0, 10), stdout, "held-back text is written on close; a prefix alone is not the secret");
    }

    @Test
    void theReaderReturnsWholeLinesAndTheOffsetToContinueFrom() throws Exception {
        try (RunLogFile file = new RunLogFile(log(), Redactor.none(), CLOCK)) {
            for (int i = 0; i < 10; i++) {
                file.stdout("line " + i + "\n");
            }
        }
        long lineBytes = Files.readAllLines(log()).get(0).getBytes(StandardCharsets.UTF_8).length + 1;

        RunLogFile.Page first = RunLogFile.read(log(), 0, (int) (lineBytes * 3 + 5));
        RunLogFile.Page second = RunLogFile.read(log(), first.nextOffset(), Integer.MAX_VALUE);
        RunLogFile.Page end = RunLogFile.read(log(), second.nextOffset(), 100);

        assertEquals(List.of(0L, 1L, 2L), first.chunks().stream().map(RunLogFile.Chunk::seq).toList());
        assertEquals(lineBytes * 3, first.nextOffset());
        assertEquals(7, second.chunks().size());
        assertEquals(3L, second.chunks().get(0).seq());
        assertEquals(Files.size(log()), second.nextOffset());
        assertEquals(List.of(), end.chunks());
        assertEquals(second.nextOffset(), end.nextOffset());
        assertEquals(1, RunLogFile.read(log(), 0, 1).chunks().size(), "a line longer than maxBytes is still read whole");
        assertThrows(IllegalArgumentException.class, () -> RunLogFile.read(log(), -1, 10));
    }

    @Test
    void aTornLastLineIsLeftForLaterAndAGarbledLineIsSkipped() throws Exception {
        try (RunLogFile file = new RunLogFile(log(), Redactor.none(), CLOCK)) {
            file.stdout("one\n");
        }
        long whole = Files.size(log());
        Files.writeString(log(), "{\"ts\":\"2026-02-17T20:25:00.000Z\",\"stream\":\"std", StandardOpenOption.APPEND);

        RunLogFile.Page page = RunLogFile.read(log(), 0, 4096);
        assertEquals(1, page.chunks().size());
        assertEquals(whole, page.nextOffset());

        try (RunLogFile reopened = new RunLogFile(log(), Redactor.none(), CLOCK)) {
            assertEquals(1, reopened.nextSeq(), "seq continues after the last readable line");
            reopened.stdout("two\n");
        }
        List<RunLogFile.Chunk> chunks = all(log());
        assertEquals(List.of("one\n", "two\n"), chunks.stream().map(RunLogFile.Chunk::chunk).toList());
        assertEquals(List.of(0L, 1L), chunks.stream().map(RunLogFile.Chunk::seq).toList());
    }

    @Test
    void concurrentWritersGetUniqueSeqInFileOrder() throws Exception {
        int threads = 8;
        int each = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (RunLogFile file = new RunLogFile(log(), Redactor.none())) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                RunOutput.Stream stream = t % 2 == 0 ? RunOutput.Stream.stdout : RunOutput.Stream.stderr;
                int writer = t;
                writers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        file.write(stream, writer + ":" + i + "\n");
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<RunLogFile.Chunk> chunks = all(log());
        assertEquals(threads * each, chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            assertEquals(i, chunks.get(i).seq());
        }
    }

    @Test
    void writesAfterCloseAreDropped() throws Exception {
        RunLogFile file = new RunLogFile(log(), Redactor.none(), CLOCK);
        file.close();
        file.stdout("late\n");

        assertEquals(0, Files.size(log()));
    }
}
