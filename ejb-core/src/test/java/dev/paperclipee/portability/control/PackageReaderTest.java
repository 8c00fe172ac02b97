package dev.paperclipee.portability.control;

import dev.paperclipee.portability.entity.PackageProblem;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.PayloadTooLargeException;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageReaderTest {

    static final PackageReader.Vocabulary VOCABULARY = new PackageReader.Vocabulary(
            Set.of("ceo", "engineer", "general", "pm"), Set.of("backlog", "planned", "in_progress", "completed", "cancelled"),
            Set.of("backlog", "todo", "in_progress", "in_review", "done", "blocked", "cancelled"),
            Set.of("critical", "high", "medium", "low"));

    /** The example package of company-package.md §11, as upstream writes it. */
    static Map<String, String> quillStudio() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("quill-studio/COMPANY.md", """
                ---
                name: Quill Studio
                description: Two-agent team that writes product guides
                slug: quill-studio
                schema: agentcompanies/v1
                requirements:
                  secrets:
                    - ANTHROPIC_API_KEY
                ---
                """);
        files.put("quill-studio/agents/editor/AGENTS.md", """
                ---
                name: Editor
                title: Editor in Chief
                reportsTo: null
                ---
                Review every draft for accuracy before marking it done.
                """);
        files.put("quill-studio/agents/writer/AGENTS.md", """
                ---
                name: Writer
                reportsTo: editor
                skills:
                  - plain-english
                ---
                Write chapters; hand finished drafts to the editor for review.
                """);
        files.put("quill-studio/projects/launch-guide/PROJECT.md", """
                ---
                name: Launch Guide
                description: Install and first-run guide
                owner: editor
                ---
                """);
        files.put("quill-studio/tasks/draft-install-chapter/TASK.md", """
                ---
                name: Draft the install chapter
                assignee: writer
                project: launch-guide
                ---
                Cover macOS and Linux; keep it under 1,200 words.
                """);
        files.put("quill-studio/tasks/weekly-style-check/TASK.md", """
                ---
                name: Weekly style check
                assignee: editor
                recurring: true
                ---
                Scan last week's chapters for jargon.
                """);
        files.put("quill-studio/skills/plain-english/SKILL.md", """
                ---
                name: plain-english
                description: Rewrite jargon into short, plain sentences
                ---
                Prefer verbs to nouns; one idea per sentence.
                """);
        files.put("quill-studio/.paperclip.yaml", """
                schema: paperclip/v1
                schemaVersion: 7
                sidebar:
                  agents:
                    - editor
                    - writer
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
        return files;
    }

    static Map<String, byte[]> bytes(Map<String, String> files) {
        Map<String, byte[]> result = new LinkedHashMap<>();
        files.forEach((k, v) -> result.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return result;
    }

    @Test
    void readsTheSpecExampleWithoutProblems() {
        PackageReader.Result result = PackageReader.read(bytes(quillStudio()), VOCABULARY);
        assertEquals(List.of(), result.errors());
        assertEquals(List.of(), result.warnings());
        PackageModel m = result.model();
        assertEquals("Quill Studio", m.company().name());
        assertEquals(List.of("ANTHROPIC_API_KEY"), m.company().requiredSecrets());
        PackageModel.Agent writer = m.agents().stream().filter(a -> a.slug().equals("writer")).findFirst().orElseThrow();
        assertEquals("editor", writer.reportsTo());
        assertEquals("claude_local", writer.adapterType());
        assertEquals(2000, writer.budgetMonthlyCents());
        assertEquals(List.of("plain-english"), writer.skills());
        assertEquals("Write chapters; hand finished drafts to the editor for review.", writer.instructions());
        PackageModel.Agent editor = m.agents().stream().filter(a -> a.slug().equals("editor")).findFirst().orElseThrow();
        assertEquals("process", editor.adapterType(), "no sidecar adapter: process");
        assertNull(editor.reportsTo());
        PackageModel.Task weekly = m.tasks().stream().filter(t -> t.slug().equals("weekly-style-check")).findFirst().orElseThrow();
        assertTrue(weekly.recurring());
        assertEquals("0 8 * * 1", ((Map<?, ?>) ((List<?>) weekly.routine().get("triggers")).get(0)).get("cronExpression"));
        assertEquals("Install and first-run guide", m.projects().get(0).description());
    }

    @Test
    void writtenPackageReadsBackToTheSameFiles() {
        PackageModel first = PackageReader.read(bytes(quillStudio()), VOCABULARY).model();
        SortedMap<String, String> written = PackageWriter.write(first);
        Map<String, byte[]> prefixed = new LinkedHashMap<>();
        written.forEach((k, v) -> prefixed.put("quill-studio/" + k, v.getBytes(StandardCharsets.UTF_8)));
        PackageReader.Result again = PackageReader.read(prefixed, VOCABULARY);
        assertEquals(List.of(), again.errors());
        assertEquals(written, PackageWriter.write(again.model()));
        assertTrue(written.get("tasks/weekly-style-check/TASK.md").contains("recurring: true"), written.toString());
        assertTrue(written.get(".paperclip.yaml").contains("cronExpression: \"0 8 * * 1\""), written.get(".paperclip.yaml"));
        assertTrue(written.get("agents/writer/AGENTS.md").startsWith("---\nname: Writer\nreportsTo: editor\nskills:\n  - plain-english\n---\n"),
                written.get("agents/writer/AGENTS.md"));
    }

    @Test
    void reportsEveryProblemWithFileAndLine() {
        Map<String, String> files = quillStudio();
        files.put("quill-studio/agents/writer/AGENTS.md", """
                ---
                name: Writer
                reportsTo: nobody
                skills: plain-english
                ---
                body
                """);
        files.put("quill-studio/agents/broken/AGENTS.md", """
                ---
                name: [unclosed
                ---
                """);
        files.put("quill-studio/tasks/draft-install-chapter/TASK.md", """
                ---
                name: Draft
                assignee: writer
                project: launch-guide
                recurring: sometimes
                """);
        files.put("quill-studio/.paperclip.yaml", """
                schema: paperclip/v1
                schemaVersion: 99
                agents:
                  writer:
                    budgetMonthlyCents: -5
                """);
        PackageReader.Result result = PackageReader.read(bytes(files), VOCABULARY);
        List<String> problems = result.errors().stream().map(PackageProblem::toString).toList();
        assertTrue(problems.contains("agents/writer/AGENTS.md:3: reportsTo names agent 'nobody', which the package does not have"), problems.toString());
        assertTrue(problems.contains("agents/writer/AGENTS.md:4: skills must be a list of text items"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("agents/broken/AGENTS.md:2: invalid YAML")), problems.toString());
        assertTrue(problems.contains("tasks/draft-install-chapter/TASK.md:1: the front matter opened on line 1 is never closed by a line '---'"), problems.toString());
        assertTrue(problems.contains(".paperclip.yaml:2: schemaVersion must be a whole number from 1 to 7, not 99"), problems.toString());
        assertTrue(problems.contains(".paperclip.yaml:5: agents.writer.budgetMonthlyCents must be a whole number of cents from 0 to 2147483647"), problems.toString());
        assertEquals(6, problems.size(), problems.toString());
    }

    @Test
    void findsCyclesDuplicatesAndAMissingCompany() {
        Map<String, String> files = quillStudio();
        files.put("quill-studio/agents/editor/AGENTS.md", "---\nname: Editor\nreportsTo: writer\n---\n");
        List<String> problems = PackageReader.read(bytes(files), VOCABULARY).errors().stream().map(PackageProblem::toString).toList();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("agents/editor/AGENTS.md:3: reportsTo makes a cycle")), problems.toString());
        files.put("quill-studio/agents/other/AGENTS.md", "---\nname: Other\nslug: writer\n---\n");
        problems = PackageReader.read(bytes(files), VOCABULARY).errors().stream().map(PackageProblem::toString).toList();
        assertTrue(problems.contains("agents/writer/AGENTS.md:1: slug 'writer' is already used by agents/other/AGENTS.md"), problems.toString());

        files.remove("quill-studio/COMPANY.md");
        problems = PackageReader.read(bytes(files), VOCABULARY).errors().stream().map(PackageProblem::toString).toList();
        assertEquals(List.of("COMPANY.md: the package has no COMPANY.md at its root (or in one top folder)"), problems);
    }

    @Test
    void slugs() {
        assertEquals("acme-labs", Slugs.of("  Acme   Labs!! ", "x"));
        assertEquals("cafe-creme", Slugs.of("Café Crème", "x"));
        assertEquals("x", Slugs.of("!!!", "x"));
        assertEquals("a-3", Slugs.unique("a", Set.of("a", "a-2")));
        assertTrue(Slugs.isValid("a-b-2"));
        assertFalse(Slugs.isValid("a--b"));
        assertFalse(Slugs.isValid("-a"));
    }

    @Test
    void yamlScalarsReadBackAsThemselves() {
        for (String s : List.of("plain", "yes", "null", "123", "0 8 * * 1", "a: b", "#x", "line\nbreak", "", " lead", "-", "x #y", "\"q\"", "Short, plain (really)", "it's", "a ? b", "x,", "y:")) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("k", s);
            Yaml.Parsed parsed = Yaml.parse(Yaml.emit(map), "t", 0, new java.util.ArrayList<>());
            assertEquals(map, parsed.value(), Yaml.emit(map));
        }
    }

    @Test
    void proseStaysPlainAsUpstreamWritesIt() {
        for (String s : List.of("Short, plain (really)", "it's", "a ? b", "Rewrite jargon into short, plain sentences")) {
            assertEquals(s, Yaml.scalar(s));
        }
    }

    @Test
    void zipLimitsAndPaths() throws IOException {
        assertThrows(InvalidInputException.class, () -> PackageArchive.unzip(zip(Map.of("../evil/COMPANY.md", new byte[1]))));
        assertThrows(InvalidInputException.class, () -> PackageArchive.unzip(zip(Map.of("/abs/COMPANY.md", new byte[1]))));
        assertThrows(InvalidInputException.class, () -> PackageArchive.unzip(zip(Map.of("a\\b.md", new byte[1]))));
        // a zip bomb: 2 MB of zeros compress to a few KB, inflating stops at the per-file limit
        assertThrows(PayloadTooLargeException.class, () -> PackageArchive.unzip(zip(Map.of("big.md", new byte[2 * 1024 * 1024]))));
        assertThrows(InvalidInputException.class, () -> PackageArchive.unzip(new ByteArrayInputStream("not a zip".getBytes())));
        SortedMap<String, byte[]> ok = PackageArchive.unzip(zip(Map.of("acme/COMPANY.md", "x".getBytes(), "acme/.git/config", new byte[1],
                "acme/.paperclip.yaml", new byte[1])));
        assertEquals(Set.of("acme/COMPANY.md", "acme/.paperclip.yaml"), ok.keySet());
    }

    static ByteArrayInputStream zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
