package dev.paperclipee.secret.control;

import dev.paperclipee.secret.entity.EnvBinding;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.JsonText;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The secret-aware env binding format (spec §7.5, §7.12). */
class EnvBindingsTest {

    private static final UUID SECRET = UUID.fromString("8b6f3c2e-1d4a-4e5f-9a7b-0c1d2e3f4a5b");

    private static JsonObject json(String text) {
        return JsonText.parse(text.replace('\'', '"'));
    }

    @Test
    void readsTheThreeShapes() {
        Map<String, EnvBinding> env = EnvBindings.byName(List.of("env"), json(
                "{'A':'one','B':{'type':'plain','value':'two'},'C':{'type':'secret_ref','secretId':'" + SECRET + "','version':'latest'},"
                        + "'D':{'type':'secret_ref','secretId':'" + SECRET + "','version':2},'E':{'type':'secret_ref','secretId':'" + SECRET
                        + "'},'F':null,'G':42}"));

        assertEquals(EnvBinding.plain("A", "one"), env.get("A"));
        assertEquals(EnvBinding.plain("B", "two"), env.get("B"));
        assertEquals(EnvBinding.secretRef("C", SECRET, null), env.get("C"));
        assertEquals(EnvBinding.secretRef("D", SECRET, 2), env.get("D"));
        assertEquals(EnvBinding.secretRef("E", SECRET, null), env.get("E"), "no version means latest");
        assertFalse(env.containsKey("F"), "null sets nothing");
        assertEquals(EnvBinding.plain("G", "42"), env.get("G"));
        assertEquals(List.of(), EnvBindings.read(List.of("env"), null));
    }

    @Test
    void refusesMalformedBindingsNamingThePath() {
        assertPath(List.of("env", "X", "secretId"), "{'X':{'type':'secret_ref','secretId':'nope'}}");
        assertPath(List.of("env", "X", "version"), "{'X':{'type':'secret_ref','secretId':'" + SECRET + "','version':0}}");
        assertPath(List.of("env", "X", "version"), "{'X':{'type':'secret_ref','secretId':'" + SECRET + "','version':1.5}}");
        assertPath(List.of("env", "X", "version"), "{'X':{'type':'secret_ref','secretId':'" + SECRET + "','version':'v1'}}");
        assertPath(List.of("env", "X", "type"), "{'X':{'type':'vault'}}");
        assertPath(List.of("env", "X", "value"), "{'X':{'type':'plain'}}");
        assertPath(List.of("env", "X"), "{'X':[1]}");
        assertPath(List.of("env"), "{'A=B':'x'}");
        assertThrows(InvalidInputException.class, () -> EnvBindings.read(List.of("env"), JsonText.JSON.createValue("x")));
    }

    @Test
    void recognisesBindingObjects() {
        assertTrue(EnvBindings.isSecretRef(json("{'type':'secret_ref','secretId':'" + SECRET + "'}")));
        assertFalse(EnvBindings.isSecretRef(json("{'type':'secret_ref','secretId':'x'}")));
        assertTrue(EnvBindings.isPlainBinding(json("{'type':'plain','value':'x'}")));
        assertFalse(EnvBindings.isPlainBinding(JsonText.JSON.createValue("x")));
    }

    private static void assertPath(List<String> path, String env) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EnvBindings.read(List.of("env"), json(env)));
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = ((List<Map<String, Object>>) e.details()).get(0);
        assertEquals(path, problem.get("path"), env);
    }
}
