package dev.paperclipee.system;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static dev.paperclipee.system.CompaniesApiIT.assertError;
import static dev.paperclipee.system.CompaniesApiIT.token;
import static dev.paperclipee.system.RunTokensApiIT.bearer;
import static dev.paperclipee.system.RunTokensApiIT.created;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Company export and import in the runnable jar (issue 8, spec §21): the two Jakarta Batch jobs are
 * found and run; an exported package leaves secrets and machine paths out; export → import into a
 * new company → export again gives the same package; the preview shows collisions and what each
 * strategy does; rename, skip and replace do what they say; a malformed package is rejected with
 * every problem and changes nothing; hostile zips are refused; agents get 403.
 */
class PortabilityApiIT {

    static final Duration DEADLINE = Duration.ofSeconds(90);
    static final String SECRET = "sk-live-do-not-export-4711";

    static Api api;
    /** The source company, its package (files without the root folder) and the package's upload. */
    static String source;
    static String sourceName;
    static Map<String, String> sourcePackage;
    static byte[] sourceZip;

    @BeforeAll
    static void createAndExportASourceCompany() throws IOException {
        api = Api.ofSharedApp();
        sourceName = "Quill " + token();
        source = created(api.post("/api/companies", "{\"name\":\"" + sourceName + "\",\"description\":\"Writes product guides\"}"))
                .getString("id");
        String ceo = created(api.post("/api/companies/" + source + "/agents", """
                {"name":"Editor","role":"ceo","title":"Editor in Chief","adapterConfig":{"command":"true",
                 "promptTemplate":"Review every draft before marking it done.","cwd":"/home/alice/quill",
                 "env":{"MODE":"careful","OPENAI_API_KEY":"%s","DATA_DIR":"/srv/quill/data","PATH":"/usr/bin"}},
                 "runtimeConfig":{"heartbeat":{"enabled":false,"wakeOnDemand":false}}}""".formatted(SECRET))).getString("id");
        String writer = created(api.post("/api/companies/" + source + "/agents", """
                {"name":"Writer","role":"engineer","reportsTo":"%s","budgetMonthlyCents":2000,
                 "adapterConfig":{"command":"true","promptTemplate":"Write chapters."},
                 "runtimeConfig":{"heartbeat":{"enabled":false,"wakeOnDemand":false}}}""".formatted(ceo))).getString("id");
        String project = created(api.post("/api/companies/" + source + "/projects",
                "{\"name\":\"Launch Guide\",\"description\":\"Install and first-run guide\",\"leadAgentId\":\"" + ceo
                        + "\",\"status\":\"planned\"}")).getString("id");
        String parent = created(api.post("/api/companies/" + source + "/issues", "{\"title\":\"Draft the install chapter\","
                + "\"description\":\"Cover macOS and Linux.\",\"assigneeAgentId\":\"" + writer + "\",\"projectId\":\"" + project
                + "\",\"priority\":\"high\"}")).getString("id");
        created(api.post("/api/companies/" + source + "/issues", "{\"title\":\"Screenshots for the chapter\",\"parentId\":\""
                + parent + "\",\"status\":\"backlog\",\"billingCode\":\"DOCS\"}"));
        created(api.post("/api/companies/" + source + "/issues", "{\"title\":\"Idea: a glossary\"}"));

        JsonObject export = exportToCompletion(source, true, true);
        assertTrue(export.getJsonArray("steps").stream().anyMatch(s -> s.asJsonObject().getString("name").equals("write-package")
                && s.asJsonObject().getString("status").equals("COMPLETED")), export::toString);
        sourceZip = download(source, export);
        sourcePackage = unzip(sourceZip);
    }

    @Test
    void theExportIsAVendorNeutralPackageWithoutSecretsOrMachinePaths() {
        String slug = sourceName.toLowerCase().replace(' ', '-');
        assertEquals(Set.of("COMPANY.md", ".paperclip.yaml", "agents/editor/AGENTS.md", "agents/writer/AGENTS.md",
                "projects/launch-guide/PROJECT.md", "tasks/draft-the-install-chapter/TASK.md",
                "tasks/screenshots-for-the-chapter/TASK.md", "tasks/idea-a-glossary/TASK.md"), sourcePackage.keySet());
        assertTrue(sourcePackage.get("COMPANY.md").startsWith("---\nname: " + sourceName + "\ndescription: Writes product guides\nslug: "
                + slug + "\nschema: agentcompanies/v1\nrequirements:\n  secrets:\n    - OPENAI_API_KEY\n---\n"), sourcePackage.get("COMPANY.md"));
        assertEquals("---\nname: Writer\nreportsTo: editor\n---\nWrite chapters.\n", sourcePackage.get("agents/writer/AGENTS.md"));
        assertEquals("---\nname: Draft the install chapter\nassignee: writer\nproject: launch-guide\n---\nCover macOS and Linux.\n",
                sourcePackage.get("tasks/draft-the-install-chapter/TASK.md"));
        String all = String.join("\n", sourcePackage.values());
        assertFalse(all.contains(SECRET), "a secret value was exported");
        assertFalse(all.contains("/home/alice") || all.contains("/srv/quill") || all.contains("/usr/bin"), all);
        String sidecar = sourcePackage.get(".paperclip.yaml");
        assertTrue(sidecar.contains("""
                        OPENAI_API_KEY:
                          kind: secret
                          requirement: optional
                          default: ""
                """), sidecar);
        assertTrue(sidecar.contains("""
                        DATA_DIR:
                          kind: plain
                          requirement: optional
                          default: ""
                          portability: system_dependent
                """), sidecar);
        assertTrue(sidecar.contains("parent: draft-the-install-chapter"), sidecar);
        assertFalse(sidecar.contains("promptTemplate") || sidecar.contains("cwd"), sidecar);
    }

    @Test
    void projectsAndTasksAreOptIn() throws IOException {
        Map<String, String> lean = unzip(download(source, exportToCompletion(source, false, false)));
        assertEquals(Set.of("COMPANY.md", ".paperclip.yaml", "agents/editor/AGENTS.md", "agents/writer/AGENTS.md"), lean.keySet());
    }

    @Test
    void exportImportIntoANewCompanyAndExportAgainGivesTheSamePackage() throws IOException, SQLException {
        String packageId = upload(sourceZip);
        JsonObject preview = preview("{\"packageId\":\"" + packageId + "\"}");
        assertEquals("create", preview.getString("companyAction"));
        assertEquals(sourceName + " (2)", preview.getString("companyName"), "the name is taken: a new company gets (2)");
        assertEquals(List.of("create", "create"), actions(preview, "agents"));
        assertEquals(List.of(), preview.getJsonArray("errors"));

        JsonObject done = importToCompletion("{\"packageId\":\"" + packageId + "\"}", "COMPLETED");
        assertEquals("applied", done.getString("outcome"), done::toString);
        assertTrue(done.get("companyId") instanceof jakarta.json.JsonString, done::toString);
        String copy = done.getString("companyId");
        assertNotEquals(source, copy);
        for (JsonValue agent : api.get("/api/companies/" + copy + "/agents").array()) {
            assertFalse(agent.asJsonObject().getJsonObject("runtimeConfig").getJsonObject("heartbeat").getBoolean("enabled"),
                    "imported agents never get a timer: " + agent);
        }
        assertEquals(0, count("select count(*) from heartbeat_runs where company_id = '" + copy + "'"), "the import woke nobody");

        Map<String, String> again = unzip(download(copy, exportToCompletion(copy, true, true)));
        String slug = sourceName.toLowerCase().replace(' ', '-');
        Map<String, String> expected = new TreeMap<>(sourcePackage);
        expected.put("COMPANY.md", sourcePackage.get("COMPANY.md").replace("name: " + sourceName, "name: " + sourceName + " (2)")
                .replace("slug: " + slug, "slug: " + slug + "-2"));
        assertEquals(expected, new TreeMap<>(again));
    }

    @Test
    void previewShowsCollisionsAndRenameSkipAndReplaceDoWhatTheySay() throws IOException, SQLException {
        String target = created(api.post("/api/companies", "{\"name\":\"Target " + token() + "\"}")).getString("id");
        String packageId = upload(sourceZip);
        importToCompletion("{\"packageId\":\"" + packageId + "\",\"companyId\":\"" + target + "\"}", "COMPLETED");
        assertEquals(2, agents(target).size());
        long issues = count("select count(*) from issues where company_id = '" + target + "'");
        assertEquals(3, issues);

        JsonObject rename = preview("{\"packageId\":\"" + packageId + "\",\"companyId\":\"" + target + "\"}");
        assertEquals("none", rename.getString("companyAction"));
        assertEquals(List.of("rename", "rename"), actions(rename, "agents"));
        assertEquals(List.of("Editor 2", "Writer 2"), rename.getJsonArray("agents").stream()
                .map(s -> s.asJsonObject().getString("plannedName")).toList());
        assertEquals(List.of("skip", "skip"), actions(preview("{\"packageId\":\"" + packageId + "\",\"companyId\":\"" + target
                + "\",\"collisionStrategy\":\"skip\"}"), "agents"));
        assertEquals(List.of("replace"), actions(preview("{\"packageId\":\"" + packageId + "\",\"companyId\":\"" + target
                + "\",\"collisionStrategy\":\"replace\"}"), "projects"));

        importToCompletion("{\"packageId\":\"" + packageId + "\",\"companyId\":\"" + target + "\",\"collisionStrategy\":\"skip\"}",
                "COMPLETED");
        assertEquals(2, agents(target).size(), "skip keeps what is there");
        assertEquals(issues, count("select count(*) from issues where company_id = '" + target + "'"));

        Map<String, String> edited = new TreeMap<>(sourcePackage);
        edited.put("agents/writer/AGENTS.md", "---\nname: Writer\nreportsTo: editor\n---\nWrite shorter chapters.\n");
        String editedId = upload(zip("pkg", edited));
        importToCompletion("{\"packageId\":\"" + editedId + "\",\"companyId\":\"" + target + "\",\"collisionStrategy\":\"replace\"}",
                "COMPLETED");
        Map<String, JsonObject> byName = agents(target);
        assertEquals(Set.of("Editor", "Writer"), byName.keySet(), "replace overwrites in place");
        assertEquals("Write shorter chapters.", byName.get("Writer").getJsonObject("adapterConfig").getString("promptTemplate"));

        importToCompletion("{\"packageId\":\"" + packageId + "\",\"companyId\":\"" + target + "\",\"tasks\":false}", "COMPLETED");
        byName = agents(target);
        assertEquals(Set.of("Editor", "Writer", "Editor 2", "Writer 2"), byName.keySet(), "rename adds new ones");
        assertEquals(byName.get("Editor 2").getString("id"), byName.get("Writer 2").getString("reportsTo"),
                "links inside the package go to the renamed agents");
        assertEquals(issues, count("select count(*) from issues where company_id = '" + target + "'"), "tasks left out");
    }

    @Test
    void aMalformedPackageIsRejectedWithEveryProblemAndChangesNothing() throws IOException, SQLException {
        Map<String, String> broken = new TreeMap<>(sourcePackage);
        broken.put("agents/writer/AGENTS.md", "---\nname: Writer\nreportsTo: nobody\n---\n");
        broken.put("tasks/idea-a-glossary/TASK.md", "---\nname: [unclosed\n---\n");
        broken.put(".paperclip.yaml", "schema: paperclip/v1\nschemaVersion: 99\n");
        String packageId = upload(zip("broken", broken));
        JsonObject preview = preview("{\"packageId\":\"" + packageId + "\"}");
        Set<String> problems = preview.getJsonArray("errors").stream().map(v -> v.asJsonObject())
                .map(p -> p.getString("file") + ":" + p.getInt("line")).collect(Collectors.toSet());
        assertEquals(Set.of("agents/writer/AGENTS.md:3", "tasks/idea-a-glossary/TASK.md:2", ".paperclip.yaml:2"), problems,
                preview::toString);

        String before = counts();
        JsonObject done = importToCompletion("{\"packageId\":\"" + packageId + "\"}", "COMPLETED");
        assertEquals("rejected", done.getString("outcome"), done::toString);
        assertEquals("REJECTED", done.getString("exitStatus"), done::toString);
        assertEquals(3, done.getJsonObject("report").getJsonObject("plan").getJsonArray("errors").size(), done::toString);
        assertEquals(before, counts(), "nothing was written");

        // a package without COMPANY.md: one problem naming the file
        Map<String, String> missing = new TreeMap<>(sourcePackage);
        missing.remove("COMPANY.md");
        JsonObject noCompany = preview("{\"packageId\":\"" + upload(zip("none", missing)) + "\"}");
        assertEquals("COMPANY.md", noCompany.getJsonArray("errors").getJsonObject(0).getString("file"));
    }

    /**
     * The example package of company-package.md §11 (as upstream writes it) plus a team: its recurring
     * task, skill and team are kept and exported again, the recurring task with its schedule; the
     * writer's secret input is reported as needing a value.
     */
    @Test
    void recurringTasksSkillsAndTeamsOfAnUpstreamPackageSurviveARoundTrip() throws IOException {
        Map<String, String> quill = new TreeMap<>();
        quill.put("COMPANY.md", "---\nname: Quill Studio\ndescription: Two-agent team that writes product guides\n"
                + "slug: quill-studio\nschema: agentcompanies/v1\nrequirements:\n  secrets:\n    - ANTHROPIC_API_KEY\n---\n");
        quill.put("agents/editor/AGENTS.md", "---\nname: Editor\ntitle: Editor in Chief\nreportsTo: null\n---\n"
                + "Review every draft for accuracy before marking it done.\n");
        quill.put("agents/writer/AGENTS.md", "---\nname: Writer\nreportsTo: editor\nskills:\n  - plain-english\n---\n"
                + "Write chapters; hand finished drafts to the editor for review.\n");
        quill.put("projects/launch-guide/PROJECT.md", "---\nname: Launch Guide\ndescription: Install and first-run guide\n"
                + "owner: editor\n---\n");
        quill.put("tasks/draft-install-chapter/TASK.md", "---\nname: Draft the install chapter\nassignee: writer\n"
                + "project: launch-guide\n---\nCover macOS and Linux; keep it under 1,200 words.\n");
        quill.put("tasks/weekly-style-check/TASK.md", "---\nname: Weekly style check\nassignee: editor\nrecurring: true\n---\n"
                + "Scan last week's chapters for jargon.\n");
        quill.put("skills/plain-english/SKILL.md", "---\nname: plain-english\ndescription: Rewrite jargon into short, plain sentences\n"
                + "---\nPrefer verbs to nouns; one idea per sentence.\n");
        quill.put("teams/docs/TEAM.md", "---\nname: Docs\ndescription: The writing team\nmanager: ../../agents/editor/AGENTS.md\n---\n");
        quill.put(".paperclip.yaml", """
                schema: paperclip/v1
                schemaVersion: 7
                agents:
                  writer:
                    adapter:
                      type: claude_local
                      config:
                        model: claude-sonnet-4-5
                    inputs:
                      env:
                        ANTHROPIC_API_KEY:
                          kind: secret
                          requirement: required
                          default: ""
                    budgetMonthlyCents: 2000
                routines:
                  weekly-style-check:
                    triggers:
                      - kind: schedule
                        cronExpression: "0 8 * * 1"
                        timezone: Europe/Berlin
                """);
        String packageId = upload(zip("quill-studio", quill));
        String name = "Quill Studio " + token();
        JsonObject preview = preview("{\"packageId\":\"" + packageId + "\",\"newCompanyName\":\"" + name + "\"}");
        assertEquals(List.of(), preview.getJsonArray("errors"), preview::toString);
        assertEquals(List.of("agent:writer:ANTHROPIC_API_KEY"), preview.getJsonArray("envInputsWithoutValue").stream()
                .map(v -> ((jakarta.json.JsonString) v).getString()).toList());
        assertEquals(List.of("create", "create"), actions(preview, "tasks"));
        assertEquals(List.of("create"), actions(preview, "skills"));
        assertEquals(List.of("create"), actions(preview, "teams"));

        JsonObject done = importToCompletion("{\"packageId\":\"" + packageId + "\",\"newCompanyName\":\"" + name + "\"}",
                "COMPLETED");
        assertEquals("applied", done.getString("outcome"), done::toString);
        String company = done.getString("companyId");
        assertEquals(1, api.get("/api/companies/" + company + "/issues").array().size(), "the recurring task is no issue");

        Map<String, String> again = unzip(download(company, exportToCompletion(company, true, true)));
        assertEquals("---\nname: Weekly style check\nassignee: editor\nrecurring: true\n---\nScan last week's chapters for jargon.\n",
                again.get("tasks/weekly-style-check/TASK.md"));
        assertEquals(quill.get("agents/writer/AGENTS.md"), again.get("agents/writer/AGENTS.md"));
        assertEquals("---\nname: plain-english\ndescription: Rewrite jargon into short, plain sentences\nslug: plain-english\n---\n"
                + "Prefer verbs to nouns; one idea per sentence.\n", again.get("skills/plain-english/SKILL.md"));
        assertTrue(again.get("teams/docs/TEAM.md").contains("manager: \"../../agents/editor/AGENTS.md\""), again::toString);
        String sidecar = again.get(".paperclip.yaml");
        assertTrue(sidecar.contains("""
                routines:
                  weekly-style-check:
                    triggers:
                      - kind: schedule
                        cronExpression: "0 8 * * 1"
                        timezone: Europe/Berlin
                """), sidecar);
        assertTrue(sidecar.contains("      type: claude_local\n      config:\n        model: claude-sonnet-4-5\n"), sidecar);
        assertTrue(sidecar.contains("""
                        ANTHROPIC_API_KEY:
                          kind: secret
                          requirement: required
                          default: ""
                """), sidecar);
    }

    @Test
    void hostileUploadsAreRefused() throws IOException {
        assertError(uploadReply(zip(Map.of("../evil/COMPANY.md", new byte[] {1}))), 400);
        assertError(uploadReply(zip(Map.of("/etc/COMPANY.md", new byte[] {1}))), 400);
        assertError(uploadReply(zip(Map.of("bomb/COMPANY.md", new byte[3 * 1024 * 1024]))), 413);
        assertError(uploadReply("not a zip".getBytes(StandardCharsets.UTF_8)), 400);
        assertError(api.sendBytes("POST", "/api/companies/import/packages", "application/zip", sourceZip), 415);
        assertError(api.post("/api/companies/import/preview", "{\"directory\":\"/etc\"}"), 403);
        assertError(api.post("/api/companies/import/preview", "{\"directory\":\"relative/dir\"}"), 400);
        assertError(api.post("/api/companies/import/preview", "{}"), 400);
        assertError(api.post("/api/companies/import/preview", "{\"packageId\":\"" + java.util.UUID.randomUUID() + "\"}"), 404);
        assertError(api.get("/api/companies/import/999999999"), 404);
        // the export's optional body: when sent, it must be well-formed
        for (String bad : List.of("{\"projects\":\"yes\"}", "{\"tasks\":1}", "[]", "{\"projects\":true,}", "null")) {
            assertError(api.post("/api/companies/" + source + "/exports", bad), 400);
        }
        assertError(api.send("POST", "/api/companies/" + source + "/exports", "text/plain", "{}", Map.of()), 415);
        assertError(api.post("/api/companies/import", "{\"companyId\":\"" + source + "\"}"), 400);
        assertError(api.get("/api/companies/" + source + "/exports/999999999"), 404);
        assertError(api.get("/api/companies/" + source + "/exports/abc/package"), 404);
    }

    @Test
    void agentsGet403() {
        String agent = api.get("/api/companies/" + source + "/agents").array().getJsonObject(0).getString("id");
        String key = created(api.post("/api/agents/" + agent + "/keys", "{\"name\":\"portability\"}")).getString("token");
        assertError(api.send("POST", "/api/companies/" + source + "/exports", Api.JSON, "{}", bearer(key)), 403);
        assertError(api.send("POST", "/api/companies/import/preview", Api.JSON, "{\"packageId\":\"" + java.util.UUID.randomUUID()
                + "\"}", bearer(key)), 403);
        assertError(api.send("POST", "/api/companies/import", Api.JSON, "{\"packageId\":\"" + java.util.UUID.randomUUID()
                + "\"}", bearer(key)), 403);
        assertError(api.send("POST", "/api/companies/import/packages", "multipart/form-data; boundary=x", "--x--\r\n", bearer(key)), 403);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    static JsonObject exportToCompletion(String company, boolean projects, boolean tasks) {
        Api.Reply started = api.post("/api/companies/" + company + "/exports", "{\"projects\":" + projects + ",\"tasks\":" + tasks + "}");
        assertEquals(202, started.status(), started::toString);
        long job = started.object().getJsonNumber("jobId").longValue();
        JsonObject done = await("/api/companies/" + company + "/exports/" + job, "COMPLETED");
        assertTrue(done.getInt("fileCount") > 0, done::toString);
        return done;
    }

    static byte[] download(String company, JsonObject export) {
        Api.BytesReply zip = api.getBytes(export.getString("downloadPath"));
        assertEquals(200, zip.status(), zip::toString);
        assertEquals("application/zip", zip.header("Content-Type").orElse(""), zip::toString);
        assertTrue(zip.header("Content-Disposition").orElse("").startsWith("attachment"), zip::toString);
        return zip.body();
    }

    static JsonObject importToCompletion(String body, String expected) {
        Api.Reply started = api.post("/api/companies/import", body);
        assertEquals(202, started.status(), started::toString);
        return await("/api/companies/import/" + started.object().getJsonNumber("jobId").longValue(), expected);
    }

    static JsonObject await(String path, String expected) {
        Set<String> ended = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            Api.Reply reply = api.get(path);
            assertEquals(200, reply.status(), reply::toString);
            JsonObject status = reply.object();
            if (ended.contains(status.getString("status"))) {
                assertEquals(expected, status.getString("status"), status::toString);
                return status;
            }
            if (Instant.now().isAfter(deadline)) {
                fail("the job did not end: " + status);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static JsonObject preview(String body) {
        Api.Reply reply = api.post("/api/companies/import/preview", body);
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    static List<String> actions(JsonObject preview, String kind) {
        return preview.getJsonArray(kind).stream().map(s -> s.asJsonObject().getString("action")).toList();
    }

    static Map<String, JsonObject> agents(String company) {
        return api.get("/api/companies/" + company + "/agents").array().stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(a -> a.getString("name"), a -> a));
    }

    static String upload(byte[] zip) {
        return created(uploadReply(zip)).getString("packageId");
    }

    static Api.Reply uploadReply(byte[] zip) {
        String boundary = "pkg" + token();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(zip);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.sendBytes("POST", "/api/companies/import/packages", "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /** The zip's files without their root folder. */
    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String name = e.getName();
                files.put(name.substring(name.indexOf('/') + 1), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    static byte[] zip(String root, Map<String, String> files) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        files.forEach((k, v) -> entries.put(root + "/" + k, v.getBytes(StandardCharsets.UTF_8)));
        return zip(entries);
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static long count(String sql) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase(); Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Row counts of what an import writes. */
    static String counts() throws SQLException {
        return count("select count(*) from companies") + "/" + count("select count(*) from agents") + "/"
                + count("select count(*) from projects") + "/" + count("select count(*) from issues") + "/"
                + count("select count(*) from company_package_items") + "/" + count("select count(*) from activity_log")
                + "/" + count("select count(*) from goals");
    }
}
