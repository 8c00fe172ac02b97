package dev.paperclipee.system;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.paperclipee.system.CompaniesApiIT.BOARD_USER;
import static dev.paperclipee.system.CompaniesApiIT.ISO_UTC_MILLIS;
import static dev.paperclipee.system.CompaniesApiIT.UUID_V4;
import static dev.paperclipee.system.CompaniesApiIT.activity;
import static dev.paperclipee.system.CompaniesApiIT.assertBadRequest;
import static dev.paperclipee.system.CompaniesApiIT.assertError;
import static dev.paperclipee.system.CompaniesApiIT.token;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue attachments against the running jar (spec §7.14, §10.4; api-contract.md, the
 * attachments row): multipart upload streamed to {@code <instance>/data/storage}, the company's
 * size limit, downloads that are always attachments, delete, refusals that leave neither rows nor
 * files, and the activity rows.
 */
class AttachmentsApiIT {

    static final Set<String> ATTACHMENT_FIELDS = Set.of("id", "companyId", "issueId", "issueCommentId", "assetId",
            "contentType", "byteSize", "sha256", "originalFilename", "contentPath", "createdByAgentId", "createdByUserId",
            "createdAt", "updatedAt");
    static final String BOUNDARY = "pcTestBoundary" + UUID.randomUUID().toString().replace("-", "");
    static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    static Api api;
    static String company;
    static JsonObject issue;

    @BeforeAll
    static void startApplication() {
        api = Api.ofSharedApp();
        company = createCompany("Files " + token());
        issue = createIssue(company, "Attach here");
    }

    // ---- upload, download, list, delete ----------------------------------------------------------

    @Test
    void aBinaryFileMakesTheRoundTripByteForByte() throws Exception {
        byte[] bytes = random(300_000);
        Api.Reply reply = upload(company, issue.getString("id"), new Multipart().file("scan.pdf", "application/pdf", bytes));
        assertEquals(201, reply.status(), reply::toString);
        JsonObject a = reply.object();
        assertAll(
                () -> assertEquals(ATTACHMENT_FIELDS, a.keySet(), a::toString),
                () -> assertTrue(UUID_V4.matcher(a.getString("id")).matches(), a::toString),
                () -> assertTrue(UUID_V4.matcher(a.getString("assetId")).matches(), a::toString),
                () -> assertEquals(company, a.getString("companyId")),
                () -> assertEquals(issue.getString("id"), a.getString("issueId")),
                () -> assertEquals(JsonValue.NULL, a.get("issueCommentId")),
                () -> assertEquals("application/pdf", a.getString("contentType")),
                () -> assertEquals(bytes.length, a.getInt("byteSize")),
                () -> assertEquals(sha256(bytes), a.getString("sha256")),
                () -> assertEquals("scan.pdf", a.getString("originalFilename")),
                () -> assertEquals("/api/attachments/" + a.getString("id") + "/content", a.getString("contentPath")),
                () -> assertEquals(BOARD_USER, a.getString("createdByUserId")),
                () -> assertEquals(JsonValue.NULL, a.get("createdByAgentId")),
                () -> assertTrue(ISO_UTC_MILLIS.matcher(a.getString("createdAt")).matches(), a::toString));

        Api.BytesReply download = api.getBytes(a.getString("contentPath"));
        assertEquals(200, download.status(), download::toString);
        assertArrayEquals(bytes, download.body());
        assertEquals(sha256(bytes), sha256(download.body()));
        assertAll(
                () -> assertEquals("application/pdf", download.header("Content-Type").orElse(""), download::toString),
                () -> assertEquals(String.valueOf(bytes.length), download.header("Content-Length").orElse(""), download::toString),
                () -> assertEquals("attachment; filename=\"scan.pdf\"; filename*=UTF-8''scan.pdf",
                        download.header("Content-Disposition").orElse("")),
                () -> assertEquals("nosniff", download.header("X-Content-Type-Options").orElse("")));

        Api.Reply head = api.send("HEAD", a.getString("contentPath"), null, null, Map.of());
        assertEquals(200, head.status(), head::toString);
        assertEquals("", head.body());
        assertEquals(String.valueOf(bytes.length), head.header("Content-Length").orElse(""), head::toString);
        assertEquals(download.header("Content-Disposition"), head.header("Content-Disposition"));

        Path file = storedFile(a.getString("assetId"));
        assertTrue(file.startsWith(storageRoot().resolve(company)), file::toString);
        assertArrayEquals(bytes, Files.readAllBytes(file));
        assertTrue(listed(issue.getString("id")).contains(a), "listed as it was answered");
    }

    @Test
    void aFileOfSeveralMegabytesIsStreamedThrough() throws Exception {
        byte[] bytes = random(6 * 1024 * 1024 + 13);
        Api.Reply reply = upload(company, issue.getString("identifier"), new Multipart()
                .field("note", "ignored").file("big.bin", null, bytes));
        assertEquals(201, reply.status(), reply::toString);
        assertEquals(sha256(bytes), reply.object().getString("sha256"));
        assertEquals("application/octet-stream", reply.object().getString("contentType"), "no declared type");
        assertArrayEquals(bytes, api.getBytes(reply.object().getString("contentPath")).body());
    }

    @Test
    void anAttachmentOfACommentAndItsListOldestFirst() {
        JsonObject i = createIssue(company, "Commented");
        String issueId = i.getString("id");
        Api.Reply comment = api.post("/api/issues/" + issueId + "/comments", "{\"body\":\"see the log\"}");
        assertEquals(201, comment.status(), comment::toString);
        String commentId = comment.object().getString("id");

        JsonObject first = created(upload(company, issueId, new Multipart().field("issueCommentId", commentId)
                .file("run.log", "text/plain; charset=UTF-8", "line 1\n".getBytes(StandardCharsets.UTF_8))));
        JsonObject second = created(upload(company, issueId, new Multipart()
                .file("日本 \"quoted\".txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8)).field("issueCommentId", "")));

        assertEquals(commentId, first.getString("issueCommentId"));
        assertEquals("text/plain; charset=utf-8", first.getString("contentType"));
        assertEquals(JsonValue.NULL, second.get("issueCommentId"), "an empty field is none");
        assertEquals("日本 \"quoted\".txt", second.getString("originalFilename"));
        assertEquals(List.of(first, second), listed(issueId));
        assertEquals(List.of(first, second), listed(i.getString("identifier")));

        Api.BytesReply download = api.getBytes(second.getString("contentPath"));
        assertEquals("attachment; filename=\"__ _quoted_.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%20%22quoted%22.txt",
                download.header("Content-Disposition").orElse(""), download::toString);
    }

    @Test
    void htmlIsServedAsADownloadThatIsNeverSniffedOrRendered() {
        byte[] page = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        JsonObject a = created(upload(company, issue.getString("id"), new Multipart().file("x.html", "text/html", page)));
        JsonObject odd = created(upload(company, issue.getString("id"), new Multipart().file("y", "not a type", page)));
        assertEquals("application/octet-stream", odd.getString("contentType"), "a malformed type falls back");

        Api.BytesReply download = api.getBytes(a.getString("contentPath"));
        assertEquals(200, download.status());
        assertTrue(download.header("Content-Type").orElse("").startsWith("text/html"), download::toString);
        assertTrue(download.header("Content-Disposition").orElse("").startsWith("attachment;"), download::toString);
        assertEquals("nosniff", download.header("X-Content-Type-Options").orElse(""));
        assertTrue(download.header("Content-Security-Policy").orElse("").contains("sandbox"), download::toString);
    }

    @Test
    void deleteAnswersTheAttachmentAndRemovesRowsAndFile() throws Exception {
        JsonObject a = created(upload(company, issue.getString("id"), new Multipart().file("tmp.txt", "text/plain", random(100))));
        Path file = storedFile(a.getString("assetId"));
        assertTrue(Files.exists(file));

        Api.Reply deleted = api.send("DELETE", "/api/attachments/" + a.getString("id"), null, null, Map.of());
        assertEquals(200, deleted.status(), deleted::toString);
        assertEquals(a, deleted.object(), "the attachment as it was");

        assertFalse(Files.exists(file), "the file is removed");
        assertEquals(0, assetRows(a.getString("assetId")), "the asset row is gone");
        assertError(api.get(a.getString("contentPath")), 404);
        assertError(api.send("DELETE", "/api/attachments/" + a.getString("id"), null, null, Map.of()), 404);
        assertFalse(listed(issue.getString("id")).contains(a));
    }

    // ---- the size limit --------------------------------------------------------------------------

    @Test
    void theCompanyLimitIsEnforcedWhileReading() throws Exception {
        String c = createCompany("Limited " + token());
        String issueId = createIssue(c, "Small files only").getString("id");
        Api.Reply limited = api.patch("/api/companies/" + c, "{\"attachmentMaxBytes\":1000}");
        assertEquals(200, limited.status(), limited::toString);
        assertEquals(1000, limited.object().getInt("attachmentMaxBytes"));

        JsonObject exactly = created(upload(c, issueId, new Multipart().file("ok.bin", null, random(1000))));
        assertEquals(1000, exactly.getInt("byteSize"));

        Api.Reply over = upload(c, issueId, new Multipart().file("big.bin", null, random(1001)));
        assertError(over, 413);
        assertEquals(1000, over.object().getJsonObject("details").getInt("maxBytes"), over::toString);

        Api.Reply far = upload(c, issueId, new Multipart().file("huge.bin", null, random(8 * 1024 * 1024)));
        assertError(far, 413);

        assertEquals(List.of(exactly), listed(issueId), "only the accepted file is attached");
        assertEquals(List.of(storedFile(exactly.getString("assetId"))), filesOf(c), "and only its file is on disk");
        assertEquals(200, api.get("/api/health").status(), "the server is fine after refusing mid-body");
    }

    // ---- refusals --------------------------------------------------------------------------------

    @Test
    void badUploadsAre400AndLeaveNothingBehind() throws Exception {
        String c = createCompany("Refused " + token());
        String issueId = createIssue(c, "Nothing sticks").getString("id");
        long activity = DocumentsApiIT.activityCount();

        assertBadRequest(upload(c, issueId, new Multipart().field("issueCommentId", UUID.randomUUID().toString())), "file");
        assertBadRequest(upload(c, issueId, new Multipart().field("other", "x")), "file");
        assertBadRequest(upload(c, issueId, new Multipart().file("empty.txt", "text/plain", new byte[0])), "file");
        assertBadRequest(upload(c, issueId, new Multipart().file("a.txt", null, random(10)).file("b.txt", null, random(10))),
                "file");
        assertBadRequest(upload(c, issueId, new Multipart().file("n".repeat(256), null, random(10))), "originalFilename");
        assertBadRequest(upload(c, issueId, new Multipart().rawFile("nul".getBytes(StandardCharsets.UTF_8),
                new byte[] {'a', 0, 'b'}, random(10))), "originalFilename");
        assertBadRequest(upload(c, issueId, new Multipart().fileStar("a%00b.txt", random(10))), "originalFilename");
        assertBadRequest(upload(c, issueId, new Multipart().file("line\nbreak.txt", null, random(10))), "originalFilename");
        assertBadRequest(upload(c, issueId, new Multipart().field("issueCommentId", "not-a-uuid").file("a.txt", null, random(10))),
                "issueCommentId");
        assertBadRequest(upload(c, issueId, new Multipart().field("issueCommentId", "x".repeat(2000)).file("a.txt", null, random(10))),
                "issueCommentId");
        // a lone surrogate can only arrive as invalid UTF-8 (CESU-8 bytes) or percent-encoded: malformed either way
        assertError(upload(c, issueId, new Multipart().rawFile("cesu".getBytes(StandardCharsets.UTF_8),
                new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, random(10))), 400);
        assertError(upload(c, issueId, new Multipart().fileStar("a%ED%A0%80.txt", random(10))), 400);
        byte[] truncated = new Multipart().file("cut.bin", null, random(5000)).bytesWithoutEnd();
        assertError(api.sendBytes("POST", path(c, issueId), MULTIPART, truncated), 400);
        assertError(api.sendBytes("POST", path(c, issueId), MULTIPART, "garbage".getBytes(StandardCharsets.UTF_8)), 400);
        assertError(api.sendBytes("POST", path(c, issueId), "multipart/form-data",
                new Multipart().file("a.txt", null, random(10)).bytes()), 400);
        assertError(api.sendBytes("POST", path(c, issueId), "application/octet-stream", random(10)), 415);
        assertError(api.sendBytes("POST", path(c, issueId), Api.JSON, "{\"file\":\"x\"}".getBytes(StandardCharsets.UTF_8)), 415);
        Api.Reply noType = api.sendBytes("POST", path(c, issueId), null, random(10));
        assertEquals(415, noType.status(), noType::toString);

        Api.Reply otherIssuesComment = api.post("/api/issues/" + issue.getString("id") + "/comments", "{\"body\":\"c\"}");
        assertEquals(201, otherIssuesComment.status());
        Api.Reply foreignComment = upload(c, issueId, new Multipart()
                .field("issueCommentId", otherIssuesComment.object().getString("id")).file("a.txt", null, random(10)));
        assertError(foreignComment, 422);
        assertError(upload(c, issueId, new Multipart().field("issueCommentId", UUID.randomUUID().toString())
                .file("a.txt", null, random(10))), 422);

        assertEquals(List.of(), listed(issueId), "no attachment");
        assertEquals(List.of(), filesOf(c), "no file, not even a temporary one");
        assertEquals(activity + 1, DocumentsApiIT.activityCount(), "only the comment on the other issue was recorded");
    }

    @ParameterizedTest(name = "id {0}")
    @ValueSource(strings = {"not-a-uuid", "12345", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "random"})
    void unknownOrMalformedAttachmentIdsAre404(String given) {
        String id = given.equals("random") ? UUID.randomUUID().toString() : given;
        for (Api.Reply reply : List.of(api.get("/api/attachments/" + id + "/content"),
                api.send("DELETE", "/api/attachments/" + id, null, null, Map.of()))) {
            assertError(reply, 404);
            assertEquals("Attachment not found", reply.object().getString("error"), reply::toString);
        }
    }

    @Test
    void unknownCompaniesAndIssuesAndIssuesOfAnotherCompanyAre404() throws Exception {
        String other = createCompany("Foreign Files " + token());
        String foreignIssue = createIssue(other, "Theirs").getString("id");
        Multipart file = new Multipart().file("a.txt", null, random(10));

        Api.Reply unknownCompany = upload(UUID.randomUUID().toString(), issue.getString("id"), file);
        assertError(unknownCompany, 404);
        assertEquals("Company not found", unknownCompany.object().getString("error"));
        assertError(upload("not-a-uuid", issue.getString("id"), file), 404);
        for (String issueRef : List.of(foreignIssue, UUID.randomUUID().toString(), "nope", "ZZZ-999")) {
            Api.Reply reply = upload(company, issueRef, file);
            assertError(reply, 404);
            assertEquals("Issue not found", reply.object().getString("error"), reply::toString);
        }
        assertError(api.get("/api/issues/" + UUID.randomUUID() + "/attachments"), 404);
        assertError(api.get("/api/issues/not-an-issue/attachments"), 404);
        assertEquals(List.of(), listed(foreignIssue));
        assertEquals(List.of(), filesOf(other));
    }

    // ---- activity --------------------------------------------------------------------------------

    @Test
    void uploadAndDeleteRecordTheirActivityRows() throws Exception {
        String c = createCompany("File Audit " + token());
        String issueId = createIssue(c, "Audited").getString("id");
        byte[] bytes = random(64);
        JsonObject a = created(upload(c, issueId, new Multipart().file("audit.csv", "text/csv", bytes)));
        assertEquals(200, api.send("DELETE", "/api/attachments/" + a.getString("id"), null, null, Map.of()).status());

        try (Connection db = PaperclipApp.get().openDatabase()) {
            List<CompaniesApiIT.Row> rows = activity(db, c).stream().filter(r -> r.action().contains("attachment")).toList();
            assertEquals(List.of("issue.attachment_added", "issue.attachment_deleted"),
                    rows.stream().map(CompaniesApiIT.Row::action).toList(), rows::toString);
            for (CompaniesApiIT.Row row : rows) {
                assertEquals("issue", row.entityType(), row::toString);
                assertEquals(issueId, row.entityId(), row::toString);
                JsonObject details = Json.createReader(new StringReader(row.details())).readObject();
                assertEquals(a.getString("id"), details.getString("attachmentId"), row::toString);
                assertEquals(64, details.getInt("byteSize"));
                assertEquals("text/csv", details.getString("contentType"));
                assertEquals(sha256(bytes), details.getString("sha256"));
                assertEquals("audit.csv", details.getString("originalFilename"));
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** A multipart/form-data body. */
    static final class Multipart {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            return part("Content-Disposition: form-data; name=\"" + name + "\"", value.getBytes(StandardCharsets.UTF_8));
        }

        /** A file part; quotes in the name are backslash-escaped (as curl does), line breaks sent as filename*. */
        Multipart file(String filename, String contentType, byte[] content) {
            if (filename.contains("\n")) {
                return fileStar(percent(filename), content);
            }
            return part("Content-Disposition: form-data; name=\"file\"; filename=\"" + filename.replace("\"", "\\\"") + "\""
                    + (contentType == null ? "" : "\r\nContent-Type: " + contentType), content);
        }

        Multipart fileStar(String percentEncoded, byte[] content) {
            return part("Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''" + percentEncoded, content);
        }

        /** A file part whose header carries these exact bytes as the file name. */
        Multipart rawFile(byte[] label, byte[] filenameBytes, byte[] content) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(filenameBytes);
            out.writeBytes("\"\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        private Multipart part(String headers, byte[] content) {
            out.writeBytes(("--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        byte[] bytes() {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.writeBytes(out.toByteArray());
            copy.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return copy.toByteArray();
        }

        byte[] bytesWithoutEnd() {
            byte[] all = out.toByteArray();
            return java.util.Arrays.copyOf(all, all.length - 100);
        }

        private static String percent(String text) {
            StringBuilder s = new StringBuilder();
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                s.append('%').append(String.format("%02X", b & 0xff));
            }
            return s.toString();
        }
    }

    static String createCompany(String name) {
        Api.Reply reply = api.post("/api/companies", "{\"name\":\"" + name + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        return reply.object().getString("id");
    }

    static JsonObject createIssue(String companyId, String title) {
        Api.Reply reply = api.post("/api/companies/" + companyId + "/issues", "{\"title\":\"" + title + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        return reply.object();
    }

    static String path(String companyId, String issueRef) {
        return "/api/companies/" + companyId + "/issues/" + issueRef + "/attachments";
    }

    static Api.Reply upload(String companyId, String issueRef, Multipart body) {
        return api.sendBytes("POST", path(companyId, issueRef), MULTIPART, body.bytes());
    }

    static JsonObject created(Api.Reply reply) {
        assertEquals(201, reply.status(), reply::toString);
        assertEquals(ATTACHMENT_FIELDS, reply.object().keySet(), reply::toString);
        return reply.object();
    }

    static List<JsonObject> listed(String issueRef) {
        Api.Reply reply = api.get("/api/issues/" + issueRef + "/attachments");
        assertEquals(200, reply.status(), reply::toString);
        JsonArray list = reply.array();
        List<JsonObject> objects = new ArrayList<>();
        list.forEach(v -> {
            assertEquals(ATTACHMENT_FIELDS, v.asJsonObject().keySet(), v::toString);
            objects.add(v.asJsonObject());
        });
        return objects;
    }

    static Path storageRoot() {
        return PaperclipApp.get().instanceDir().resolve("data").resolve("storage");
    }

    /** The file of an asset, by the object key in its row. */
    static Path storedFile(String assetId) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement("select object_key, provider from assets where id = ?::uuid")) {
            q.setString(1, assetId);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "asset " + assetId);
                assertEquals("local_disk", rs.getString(2));
                return storageRoot().resolve(rs.getString(1));
            }
        }
    }

    static long assetRows(String assetId) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement("select count(*) from assets where id = ?::uuid")) {
            q.setString(1, assetId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every file (temporary ones included) under a company's storage directory. */
    static List<Path> filesOf(String companyId) throws IOException {
        Path dir = storageRoot().resolve(companyId);
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
