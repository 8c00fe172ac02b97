package dev.paperclipee.heartbeat.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Set;

import static dev.paperclipee.heartbeat.control.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The registry by adapterType and the validation dispatch. */
class AdaptersTest {

    @RegisterExtension
    final AdapterThreads threads = new AdapterThreads();

    @Test
    void findsEachStandardAdapterByTypeAndRefusesOthers() throws Exception {
        Adapters adapters = Adapters.standard(threads.pool, threads.timer);

        assertEquals(Set.copyOf(Adapters.TYPES), adapters.types());
        assertInstanceOf(ProcessAdapter.class, adapters.forType("process"));
        assertInstanceOf(HttpAdapter.class, adapters.forType("http"));
        assertInstanceOf(ClaudeLocalAdapter.class, adapters.forType("claude_local"));
        assertInstanceOf(CodexLocalAdapter.class, adapters.forType("codex_local"));
        for (String type : Adapters.TYPES) {
            assertEquals(type, adapters.forType(type).type());
        }
        AdapterException unknown = assertThrows(AdapterException.class, () -> adapters.forType("openclaw"));
        assertEquals("adapter_unknown", unknown.code());
        assertEquals("adapter_unknown", assertThrows(AdapterException.class, () -> adapters.forType(null)).code());
        assertThrows(IllegalArgumentException.class,
                () -> new Adapters(List.of(new ProcessAdapter(threads.pool, threads.timer),
                        new ProcessAdapter(threads.pool, threads.timer))));
    }

    @Test
    void validationGoesToTheTypesAdapter() {
        assertEquals(List.of("required"), Adapters.validate("process", json("{}")).stream().map(ConfigProblem::code).toList());
        assertEquals(List.of(), Adapters.validate("process", json("{'command':'node'}")));
        assertEquals(List.of("adapterConfig.url: is required"),
                Adapters.validate("http", null).stream().map(ConfigProblem::toString).toList());
        assertEquals(List.of(), Adapters.validate("claude_local", json("{}")));
        assertEquals(List.of(), Adapters.validate("codex_local", null));
        List<ConfigProblem> unknown = Adapters.validate("openclaw", json("{}"));
        assertEquals(List.of("adapterType"), unknown.get(0).path());
        assertEquals("unknown_adapter_type", unknown.get(0).code());
    }
}
