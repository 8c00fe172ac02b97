package dev.paperclipee.access.entity;

import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.Versioned;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * A human who may act as the board (spec §7.0, §9.1; deployment-modes.md §4 "authenticated"): an
 * e-mail address to log in with (case-insensitive, unique), a display name and the PBKDF2 hash of
 * the password — never the password. A disabled user cannot log in and its sessions and board API
 * keys stop working at the next request.
 */
@Entity
@Table(name = "users")
@NamedQuery(name = BoardUser.BY_EMAIL, query = "select u from BoardUser u where lower(u.email) = :email")
@NamedQuery(name = BoardUser.COUNT_WITH_PASSWORD, query = "select count(u) from BoardUser u where u.passwordHash is not null")
public class BoardUser extends Versioned {

    public static final String BY_EMAIL = "BoardUser.byEmail";
    public static final String COUNT_WITH_PASSWORD = "BoardUser.countWithPassword";
    public static final String INSTANCE_ADMIN = "instance_admin";

    @Id
    private UUID id;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String name;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(nullable = false)
    private String role;

    @Column(name = "disabled_at")
    private OffsetDateTime disabledAt;

    protected BoardUser() {
        // JPA
    }

    public BoardUser(String email, String name, String passwordHash, String role) {
        this.id = UUID.randomUUID();
        this.email = Text.required("email", email, Text.NAME).strip();
        this.name = Text.required("name", name, Text.NAME);
        this.passwordHash = passwordHash;
        this.role = role;
    }

    /** How a login name is compared: trimmed, lower case. */
    public static String normalEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    public boolean canLogIn() {
        return disabledAt == null && passwordHash != null;
    }

    public boolean isDisabled() {
        return disabledAt != null;
    }

    public void changePasswordHash(String hash) {
        this.passwordHash = hash;
    }

    public UUID getId() { return id; }
    public String getEmail() { return email; }
    public String getName() { return name; }
    public String getPasswordHash() { return passwordHash; }
    public String getRole() { return role; }
    public OffsetDateTime getDisabledAt() { return disabledAt; }
}
