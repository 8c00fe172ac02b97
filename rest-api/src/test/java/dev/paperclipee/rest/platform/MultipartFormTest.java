package dev.paperclipee.rest.platform;

import dev.paperclipee.shared.entity.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 7578 bodies read as a stream: exact part contents, whatever the read sizes, and refusals of broken bodies. */
class MultipartFormTest {

    private static final String BOUNDARY = "----pcBoundary7MA4YWxkTrZu0gW";
    private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    /** A body builder: parts as (headers, content). */
    private static final class Body {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Body raw(String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Body raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Body part(String headers, byte[] content) {
            return raw("--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n").raw(content).raw("\r\n");
        }

        Body part(String headers, String content) {
            return part(headers, content.getBytes(StandardCharsets.UTF_8));
        }

        byte[] close() {
            return raw("--" + BOUNDARY + "--\r\n").out.toByteArray();
        }
    }

    private record Read(String name, String filename, String contentType, byte[] content) {
    }

    private static List<Read> readAll(byte[] body, int chunk) throws IOException {
        MultipartForm form = MultipartForm.of(TYPE, new Trickle(new ByteArrayInputStream(body), chunk));
        List<Read> parts = new ArrayList<>();
        for (MultipartForm.Part p; (p = form.next()) != null; ) {
            parts.add(new Read(p.name(), p.filename(), p.contentType(), p.content().readAllBytes()));
        }
        assertNull(form.next(), "stays at the end");
        return parts;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 4096, 1 << 20})
    void partsAreReadExactlyWhateverTheChunksTheBodyArrivesIn(int chunk) throws IOException {
        byte[] binary = new byte[100_000];
        new Random(42).nextBytes(binary);
        // content that looks like the start of a delimiter without being one
        byte[] tricky = ("line\r\n--" + BOUNDARY.substring(0, 10) + "\r\n\r\n--\r\n-" + "\r").getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new Body()
                .raw("preamble to ignore\r\n")
                .part("Content-Disposition: form-data; name=\"issueCommentId\"", "abc")
                .part("Content-Disposition: form-data; name=\"file\"; filename=\"photo.png\"\r\nContent-Type: image/png", binary)
                .part("content-disposition: FORM-DATA; name=tricky; filename=\"t.txt\"", tricky)
                .part("Content-Disposition: form-data; name=\"empty\"", new byte[0])
                .raw("--" + BOUNDARY + "--\r\nepilogue to ignore")
                .out.toByteArray();

        List<Read> parts = readAll(body, chunk);

        assertEquals(List.of("issueCommentId", "file", "tricky", "empty"), parts.stream().map(Read::name).toList());
        assertEquals("abc", new String(parts.get(0).content(), StandardCharsets.UTF_8));
        assertNull(parts.get(0).filename());
        assertNull(parts.get(0).contentType());
        assertEquals("photo.png", parts.get(1).filename());
        assertEquals("image/png", parts.get(1).contentType());
        assertArrayEquals(binary, parts.get(1).content());
        assertArrayEquals(tricky, parts.get(2).content());
        assertEquals(0, parts.get(3).content().length);
    }

    @Test
    void aBodyStartingDirectlyWithTheBoundaryAndUnreadPartsAreSkipped() throws IOException {
        byte[] body = new Body()
                .part("Content-Disposition: form-data; name=\"a\"", "x".repeat(50_000))
                .part("Content-Disposition: form-data; name=\"b\"", "second")
                .close();
        MultipartForm form = MultipartForm.of(TYPE, new ByteArrayInputStream(body));
        assertEquals("a", form.next().name());
        MultipartForm.Part b = form.next();
        assertEquals("b", b.name());
        assertEquals("second", b.text(100));
        assertNull(form.next());
    }

    @Test
    void aQuotedBoundaryAndTransportPaddingAreAccepted() throws IOException {
        byte[] body = ("--a b\t \r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--a b--").getBytes(StandardCharsets.UTF_8);
        MultipartForm form = MultipartForm.of("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"", new ByteArrayInputStream(body));
        assertEquals("v", form.next().text(10));
        assertNull(form.next());
    }

    @Test
    void fileNames() throws IOException {
        byte[] body = new Body()
                .part("Content-Disposition: form-data; name=\"f1\"; filename=\"na\\\"me;x.txt\"", "1")
                .part("Content-Disposition: form-data; name=\"f2\"; filename=\"C:\\dir\\a.txt\"", "2")
                .part("Content-Disposition: form-data; name=\"f3\"; filename=\"plain.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%20%F0%9F%98%80.txt", "3")
                .part("Content-Disposition: form-data; name=\"f4\"; filename=\"日本.txt\"", "4")
                .part("Content-Disposition: form-data; name=\"f5\"; filename*=iso-8859-1'en'caf%E9.txt", "5")
                .part("Content-Disposition: form-data; name=\"f6\"; filename=\"\"", "6")
                .close();
        List<Read> parts = readAll(body, 100);
        assertEquals("na\"me;x.txt", parts.get(0).filename());
        assertEquals("C:\\dir\\a.txt", parts.get(1).filename(), "backslashes other than escapes are kept");
        assertEquals("日本 \uD83D\uDE00.txt", parts.get(2).filename(), "filename* wins");
        assertEquals("日本.txt", parts.get(3).filename(), "raw UTF-8, as browsers send it");
        assertEquals("café.txt", parts.get(4).filename());
        assertEquals("", parts.get(5).filename());
    }

    @Test
    void aNulInAFileNameReachesTheValidation() throws IOException {
        byte[] body = new Body().part("Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''a%00b", "x").close();
        assertEquals("a\u0000b", readAll(body, 100).get(0).filename());
    }

    @Test
    void textIsBoundedAndUtf8() throws IOException {
        byte[] body = new Body()
                .part("Content-Disposition: form-data; name=\"big\"", "x".repeat(11))
                .close();
        MultipartForm form = MultipartForm.of(TYPE, new ByteArrayInputStream(body));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> form.next().text(10));
        assertTrue(e.getMessage().startsWith("big:"), e.getMessage());

        byte[] latin1 = new Body().part("Content-Disposition: form-data; name=\"bad\"", new byte[] {(byte) 0xE9}).close();
        MultipartForm other = MultipartForm.of(TYPE, new ByteArrayInputStream(latin1));
        assertThrows(InvalidInputException.class, () -> other.next().text(10));
    }

    static List<byte[]> broken() {
        String ok = "Content-Disposition: form-data; name=\"file\"";
        return List.of(
                new byte[0],
                "no boundary anywhere".getBytes(StandardCharsets.UTF_8),
                ("--" + BOUNDARY + "\r\n" + ok + "\r\n\r\ncontent without an end").getBytes(StandardCharsets.UTF_8),
                ("--" + BOUNDARY + "\r\n" + ok).getBytes(StandardCharsets.UTF_8),
                ("--" + BOUNDARY + "\r\n" + ok + "\r\n\r\nx\r\n--" + BOUNDARY).getBytes(StandardCharsets.UTF_8),
                ("--" + BOUNDARY + "junk\r\n" + ok + "\r\n\r\nx\r\n--" + BOUNDARY + "--").getBytes(StandardCharsets.UTF_8),
                new Body().part("Content-Type: text/plain", "x").close(),
                new Body().part("Content-Disposition: attachment; name=\"file\"", "x").close(),
                new Body().part("Content-Disposition: form-data; filename=\"a\"", "x").close(),
                new Body().part("Content-Disposition form-data; name=\"file\"", "x").close(),
                new Body().part(ok + "\r\nX-Long: " + "h".repeat(MultipartForm.MAX_HEADER_BYTES), "x").close(),
                // a lone surrogate's CESU-8 bytes in a raw header
                withRawHeaderBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                new Body().part("Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%ED%A0%80", "x").close(),
                new Body().part("Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%G1", "x").close(),
                many(MultipartForm.MAX_PARTS + 1));
    }

    private static byte[] many(int n) {
        Body body = new Body();
        for (int i = 0; i < n; i++) {
            body.part("Content-Disposition: form-data; name=\"p" + i + "\"", "x");
        }
        return body.close();
    }

    @Test
    void brokenBodiesAreMalformed() {
        List<byte[]> bodies = broken();
        for (int i = 0; i < bodies.size(); i++) {
            byte[] body = bodies.get(i);
            int index = i;
            assertThrows(MalformedMultipartException.class, () -> readAll(body, 512), () -> "body #" + index);
        }
    }

    private static byte[] withRawHeaderBytes(byte[] nameBytes) {
        return new Body()
                .raw("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .raw(nameBytes)
                .raw("\"\r\n\r\nx\r\n")
                .close();
    }

    @Test
    void readingStopsWhereTheConsumerStops() throws IOException {
        CountingStream counting = new CountingStream(new ByteArrayInputStream(new Body()
                .part("Content-Disposition: form-data; name=\"file\"", new byte[10_000_000]).close()));
        MultipartForm form = MultipartForm.of(TYPE, counting);
        InputStream file = form.next().content();
        assertEquals(1000, file.readNBytes(1000).length);
        assertTrue(counting.count < 100_000, "read " + counting.count + " bytes of a 10 MB body to hand out 1000");
    }

    /** Hands out at most {@code chunk} bytes per read, like a slow network. */
    private static final class Trickle extends FilterInputStream {
        private final int chunk;

        Trickle(InputStream in, int chunk) {
            super(in);
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, chunk));
        }
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}
