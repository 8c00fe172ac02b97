package dev.paperclipee.shared.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Whether this node can serve: the schema is migrated and the database answers. Load balancers
 * and the README's start command poll it through {@code GET /api/health}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Health {

    public enum State { OK, STARTING, DATABASE_UNAVAILABLE }

    private static final String VERSION = readVersion();

    @Inject
    DatabaseMigrations migrations;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    public State check() {
        if (migrations.schemaVersion() == null) {
            return State.STARTING;
        }
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2) ? State.OK : State.DATABASE_UNAVAILABLE;
        } catch (SQLException e) {
            return State.DATABASE_UNAVAILABLE;
        }
    }

    public String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = Health.class.getResourceAsStream("/dev/paperclipee/build.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
