package dev.paperclipee.ear.smoke;

import java.nio.file.Path;
import java.util.Map;

/** The EAR on Payara Server 6 ({@code ./mvnw -pl ear -am verify -Ppayara-server}). */
class PayaraServerSmokeIT extends SmokeSuite {

    @Override
    AppServer server(Path home, Path setupDir, Path work, Map<String, String> environment) {
        return new PayaraServer(home, setupDir, work, environment);
    }

    @Override
    String setupProperty() {
        return "smoke.payara.setup";
    }

    @Override
    String homeProperty() {
        return "smoke.payara.home";
    }
}
