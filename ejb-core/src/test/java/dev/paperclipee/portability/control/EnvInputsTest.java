package dev.paperclipee.portability.control;

import dev.paperclipee.portability.entity.PackageProblem;
import dev.paperclipee.shared.entity.InvalidInputException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EnvInputsTest {

    @Test
    void secretsAndPathsAreDeclaredNeverExported() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("MODE", "fast");
        env.put("OPENAI_API_KEY", "sk-123");
        env.put("DB", Map.of("type", "secret_ref", "secretId", "x"));
        env.put("DATA_DIR", "/srv/data");
        env.put("PATH", "/usr/bin");
        Map<String, Object> inputs = EnvInputs.declare(env, Map.of());
        assertEquals(Set.of("MODE", "OPENAI_API_KEY", "DB", "DATA_DIR"), inputs.keySet());
        assertEquals(Map.of("kind", "plain", "requirement", "optional", "default", "fast"), inputs.get("MODE"));
        assertEquals(Map.of("kind", "secret", "requirement", "optional", "default", ""), inputs.get("OPENAI_API_KEY"));
        assertEquals(Map.of("kind", "secret", "requirement", "optional", "default", ""), inputs.get("DB"));
        assertEquals("system_dependent", ((Map<?, ?>) inputs.get("DATA_DIR")).get("portability"));
        assertEquals(Map.of("MODE", "fast"), EnvInputs.bindings(inputs));
        assertEquals(Set.of("OPENAI_API_KEY", "DB", "DATA_DIR"), EnvInputs.unbound(inputs).keySet());
        // what an import could not bind is declared again by the next export
        assertEquals(inputs, EnvInputs.declare(EnvInputs.bindings(inputs), EnvInputs.unbound(inputs)));
        // stored as jsonb, a declaration comes back with its keys reordered; the export writes them in one order
        Map<String, Object> reordered = new java.util.TreeMap<>(Map.of("default", "", "requirement", "optional", "kind", "secret"));
        assertEquals(List.of("kind", "requirement", "default"),
                List.copyOf(((Map<?, ?>) EnvInputs.declare(Map.of(), Map.of("K", reordered)).get("K")).keySet()));
    }

    @Test
    void adapterConfigLosesMachineSpecificsAndCredentials() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("command", "/usr/local/bin/claude");
        config.put("model", "sonnet");
        config.put("cwd", "/home/me");
        config.put("promptTemplate", "x");
        config.put("instructionsFilePath", "/home/me/AGENTS.md");
        config.put("headers", Map.of("Authorization", "Bearer t", "Accept", "application/json"));
        List<PackageProblem> warnings = new ArrayList<>();
        Map<String, Object> portable = CompanySnapshot.portableConfig(config, "agents/a/AGENTS.md", warnings);
        assertEquals(Map.of("command", "claude", "model", "sonnet", "headers", Map.of("Accept", "application/json")), portable);
        assertEquals(2, warnings.size(), warnings.toString());
    }

    @Test
    void directoriesAreReadWithoutFollowingLinks(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("acme/agents/ceo"));
        Files.writeString(dir.resolve("acme/COMPANY.md"), "---\nname: Acme\n---\n");
        Files.writeString(dir.resolve("acme/agents/ceo/AGENTS.md"), "---\nname: CEO\n---\n");
        Files.createDirectories(dir.resolve("acme/.git"));
        Files.writeString(dir.resolve("acme/.git/HEAD"), "x");
        Path outside = Files.writeString(dir.resolve("secret.txt"), "s");
        Files.createSymbolicLink(dir.resolve("acme/link.md"), outside);
        assertEquals(Set.of("COMPANY.md", "agents/ceo/AGENTS.md"), PackageArchive.directory(dir.resolve("acme")).keySet());
        assertThrows(InvalidInputException.class, () -> PackageArchive.directory(Path.of("relative")));
    }

    @Test
    void yamlListsOfMapsAreBlockStyle() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("triggers", List.of(Map.of("kind", "schedule"), new LinkedHashMap<>(Map.of("a", 1L))));
        map.put("empty", List.of());
        assertEquals("triggers:\n  - kind: schedule\n  - a: 1\nempty: []\n", Yaml.emit(map));
        assertEquals(map, Yaml.parse(Yaml.emit(map), "t", 0, new ArrayList<>()).value());
    }
}
