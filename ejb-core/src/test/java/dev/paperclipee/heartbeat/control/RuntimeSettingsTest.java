package dev.paperclipee.heartbeat.control;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeSettingsTest {

    @Test
    void defaultsFollowTheLauncherProperties() {
        Map<String, String> properties = Map.of("paperclip.instance.dir", "/srv/pc/instances/default",
                "paperclip.port", "9090", "paperclip.bind", "0.0.0.0", "user.home", "/root");
        RuntimeSettings settings = RuntimeSettings.resolve(properties::get, Map.of());
        assertEquals(URI.create("http://127.0.0.1:9090"), settings.apiUrl(), "a wildcard bind is reached on loopback");
        assertEquals(Path.of("/srv/pc/instances/default/data/run-logs"), settings.logDirectory());
        assertEquals(Path.of("/srv/pc/instances/default/data/runs"), settings.workDirectory());
        assertEquals(Duration.ofSeconds(30), settings.tick());
        assertEquals(Duration.ofMinutes(5), settings.lease());
        assertTrue(settings.node().endsWith(":/srv/pc/instances/default/data"), settings.node());
        assertTrue(settings.enabled());
    }

    @Test
    void theEnvironmentTickHasAFloorOfTenSecondsTheTestPropertyOfOne() {
        Map<String, String> home = Map.of("user.home", "/root");
        assertEquals(Duration.ofSeconds(10), RuntimeSettings.resolve(home::get, Map.of("HEARTBEAT_SCHEDULER_INTERVAL_MS", "500")).tick());
        assertEquals(Duration.ofSeconds(45), RuntimeSettings.resolve(home::get, Map.of("HEARTBEAT_SCHEDULER_INTERVAL_MS", "45000")).tick());
        assertEquals(Duration.ofSeconds(30), RuntimeSettings.resolve(home::get, Map.of("HEARTBEAT_SCHEDULER_INTERVAL_MS", "soon")).tick());
        Map<String, String> test = new HashMap<>(home);
        test.put("paperclip.heartbeat.tick.ms", "200");
        assertEquals(Duration.ofSeconds(1), RuntimeSettings.resolve(test::get, Map.of()).tick());
    }

    @Test
    void nodePublicUrlAndSwitchCanBeSet() {
        Map<String, String> home = Map.of("user.home", "/root");
        RuntimeSettings settings = RuntimeSettings.resolve(home::get, Map.of("PAPERCLIP_NODE_ID", "node-a",
                "PAPERCLIP_PUBLIC_URL", "https://paperclip.example.com/", "HEARTBEAT_SCHEDULER_ENABLED", "false"));
        assertEquals("node-a", settings.node());
        assertEquals(URI.create("https://paperclip.example.com"), settings.apiUrl(), "no trailing slash: agents append /api");
        assertFalse(settings.enabled());
        assertEquals(Path.of("/root/.paperclip/instances/default/data"), settings.dataDirectory());
    }
}
