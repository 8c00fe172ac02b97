package dev.paperclipee.access.boundary;

import dev.paperclipee.access.entity.BoardUser;
import dev.paperclipee.access.entity.DeploymentMode;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Checks the deployment mode when the application starts (deployment-modes.md §3, §5) — for the
 * EAR on a full server, where no launcher ran before: an unknown mode, or {@code local_trusted}
 * with {@code PAPERCLIP_BIND} set to an address other than loopback, fails the deployment with
 * a SEVERE line saying why. In {@code authenticated} mode it creates the first board user from
 * {@code PAPERCLIP_BOOTSTRAP_ADMIN_EMAIL} / {@code PAPERCLIP_BOOTSTRAP_ADMIN_PASSWORD} while no
 * one can log in yet, and says so in the log when neither exists.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class DeploymentStartup {

    static final String BOOTSTRAP_EMAIL = "PAPERCLIP_BOOTSTRAP_ADMIN_EMAIL";
    static final String BOOTSTRAP_PASSWORD = "PAPERCLIP_BOOTSTRAP_ADMIN_PASSWORD";
    private static final Logger LOG = Logger.getLogger(DeploymentStartup.class.getName());

    @EJB
    BoardUsers users;

    @PostConstruct
    void check() {
        DeploymentMode mode;
        try {
            mode = DeploymentMode.current();
        } catch (IllegalArgumentException e) {
            throw refuse(e.getMessage());
        }
        if (mode.isLocalTrusted()) {
            String bind = System.getProperty("paperclip.bind", System.getenv("PAPERCLIP_BIND"));
            if (bind != null && !bind.isBlank() && !loopback(bind.strip())) {
                throw refuse("PAPERCLIP_BIND '" + bind.strip() + "' is not a loopback address, and local_trusted mode lets"
                        + " anyone who reaches the server act as the board. Bind to 127.0.0.1, or set"
                        + " PAPERCLIP_DEPLOYMENT_MODE=authenticated");
            }
            LOG.info("paperclip: deployment mode local_trusted: requests without credentials act as the local board");
            return;
        }
        String email = System.getenv(BOOTSTRAP_EMAIL);
        String password = System.getenv(BOOTSTRAP_PASSWORD);
        if (email != null && !email.isBlank() && password != null && !password.isEmpty()) {
            Optional<BoardUser> created = users.bootstrapAdmin(email, password);
            created.ifPresent(u -> LOG.info("paperclip: created the first board user " + u.getEmail()
                    + " (instance admin) from " + BOOTSTRAP_EMAIL));
        }
        if (!users.anyoneCanLogIn()) {
            LOG.warning("paperclip: authenticated mode, and no board user can log in yet. Set " + BOOTSTRAP_EMAIL
                    + " and " + BOOTSTRAP_PASSWORD + " (at least 12 characters) and restart.");
        } else {
            LOG.info("paperclip: deployment mode authenticated: board users log in at /login");
        }
    }

    private static IllegalStateException refuse(String message) {
        LOG.severe("paperclip: " + message);
        return new IllegalStateException("paperclip: " + message);
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
