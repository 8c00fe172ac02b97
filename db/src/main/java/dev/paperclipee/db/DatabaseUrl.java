package dev.paperclipee.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the application's PostgreSQL is, in the form the JDBC pool needs.
 *
 * <p>Accepts what upstream Paperclip accepts in {@code DATABASE_URL}
 * ({@code postgres://user:password@host:port/db?sslmode=…}, also {@code postgresql://}) and the
 * JDBC form {@code jdbc:postgresql://host:port/db} with the credentials given separately
 * ({@code DATABASE_USER}, {@code DATABASE_PASSWORD}). Credentials in the URL win over the
 * separate ones only when the separate ones are absent.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public static DatabaseUrl parse(String url, String user, String password) throws LaunchException {
        if (url == null || url.isBlank()) {
            throw new LaunchException("DATABASE_URL is empty.");
        }
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(trimmed, blankToNull(user), blankToNull(password));
        }
        if (!(trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://"))) {
            throw new LaunchException("DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql:// (got "
                    + redact(trimmed) + ").");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new LaunchException("DATABASE_URL is not a valid URL: " + e.getReason() + ".");
        }
        if (uri.getHost() == null) {
            throw new LaunchException("DATABASE_URL has no host (" + redact(trimmed) + ").");
        }
        // the driver URL-decodes the database name itself: hand it over encoded once more
        String database = uri.getRawPath() == null || uri.getRawPath().length() <= 1
                ? "postgres" : URLEncoder.encode(decode(uri.getRawPath().substring(1)), StandardCharsets.UTF_8);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(hostForUrl(uri.getHost()));
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append('/').append(database);
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        String urlUser = null;
        String urlPassword = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            urlUser = decode(parts[0]);
            urlPassword = parts.length > 1 ? decode(parts[1]) : null;
        }
        return new DatabaseUrl(jdbc.toString(),
                blankToNull(user) != null ? user : urlUser,
                blankToNull(password) != null ? password : urlPassword);
    }

    /**
     * The URL as it may appear in messages and logs: never with a password. Passwords pasted
     * without percent-encoding may contain {@code @ / ? #}, so everything between the first
     * {@code :} after {@code ://} and the last {@code @} counts as password.
     */
    public static String redact(String url) {
        String redacted = url;
        int start = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (start >= 0 && at > start + 3) {
            String userInfo = url.substring(start + 3, at);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                redacted = url.substring(0, start + 3) + userInfo.substring(0, colon) + ":***" + url.substring(at);
            }
        }
        return redacted.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** host:port/database, for messages. */
    public String describe() {
        return redact(jdbcUrl.replaceFirst("^jdbc:postgresql://", ""));
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + redact(jdbcUrl) + ", user=" + user + "]";
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
