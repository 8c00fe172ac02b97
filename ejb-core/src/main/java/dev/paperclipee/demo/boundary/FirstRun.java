package dev.paperclipee.demo.boundary;

import dev.paperclipee.demo.control.DemoAgentProgram;
import dev.paperclipee.heartbeat.control.RuntimeSettings;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.nio.file.Path;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start: unless {@code PAPERCLIP_SEED_DEMO=false} (system property {@code paperclip.seed.demo}),
 * writes the demo agent into the instance's data directory and seeds the demo company into an
 * empty database ({@link DemoCompany}). A failure is logged and never stops the server.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FirstRun {

    private static final Logger LOG = Logger.getLogger(FirstRun.class.getName());

    @EJB
    DemoCompany demo;

    @PostConstruct
    void seed() {
        if (!enabled(System::getProperty, System.getenv("PAPERCLIP_SEED_DEMO"))) {
            return;
        }
        try {
            Path program = DemoAgentProgram.extract(RuntimeSettings.current().dataDirectory());
            UUID company = demo.seedIfEmpty(program, DemoAgentProgram.javaCommand());
            if (company != null) {
                LOG.info(() -> "First start: created the demo company \"" + DemoCompany.NAME + "\" (" + company
                        + "); its agents run " + program + ". Set PAPERCLIP_SEED_DEMO=false to start empty.");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Seeding the demo company failed; the server runs without it", e);
        }
    }

    /** On unless the property or the variable says {@code false} (the property wins). */
    static boolean enabled(UnaryOperator<String> properties, String env) {
        String value = properties.apply("paperclip.seed.demo");
        if (value == null) {
            value = env;
        }
        return value == null || !"false".equalsIgnoreCase(value.trim());
    }
}
