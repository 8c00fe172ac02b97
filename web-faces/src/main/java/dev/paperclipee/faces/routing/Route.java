package dev.paperclipee.faces.routing;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A board address with ids in its path, and the Facelets page that renders it:
 * <ul>
 * <li>{@code /companies/{companyId}/{section}} → {@code /company/{section}.xhtml}</li>
 * <li>{@code /companies/{companyId}/{section}/{itemId}} → {@code /company/{section}/detail.xhtml}</li>
 * </ul>
 * The company id is a UUID; the section is lower-case words joined by hyphens; the item id is one
 * path segment of letters, digits and hyphens (an agent's UUID, an issue identifier like {@code ACME-12}).
 * Anything else is no route (the request goes on unchanged and usually ends as a 404).
 */
public record Route(UUID companyId, String section, String itemId) {

    private static final Pattern PATH = Pattern.compile(
            "/companies/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
                    + "/([a-z]+(?:-[a-z]+)*)(?:/([A-Za-z0-9][A-Za-z0-9-]{0,99}))?/?");

    /** The route of a path inside the web application (without the context path). */
    public static Optional<Route> of(String path) {
        if (path == null) {
            return Optional.empty();
        }
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Route(UUID.fromString(m.group(1)), m.group(2), m.group(3)));
    }

    /** The Facelets file that renders this route, relative to the web application's root. */
    public String viewPath() {
        return itemId == null ? "/company/" + section + ".xhtml" : "/company/" + section + "/detail.xhtml";
    }

    /** The address of this route, relative to the web application's root. */
    public String path() {
        return "/companies/" + companyId + "/" + section + (itemId == null ? "" : "/" + itemId);
    }
}
