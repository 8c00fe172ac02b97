package dev.paperclipee.ear.smoke;

import java.nio.file.Path;
import java.util.Map;

/** The EAR on WildFly ({@code ./mvnw -pl ear -am verify -Pwildfly}). */
class WildFlySmokeIT extends SmokeSuite {

    @Override
    AppServer server(Path home, Path setupDir, Path work, Map<String, String> environment) {
        return new WildFlyServer(home, setupDir, work, environment);
    }

    @Override
    String setupProperty() {
        return "smoke.wildfly.setup";
    }

    @Override
    String homeProperty() {
        return "smoke.wildfly.home";
    }
}
