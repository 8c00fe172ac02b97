package dev.paperclipee.rest.platform;

import java.net.URI;
import java.util.Locale;

/**
 * The same-origin check that protects board sessions from cross-site requests (spec §16,
 * deployment-modes.md §4): a state-changing API call made with a session cookie must say, in
 * {@code Origin} (or, failing that, {@code Referer}), that it comes from a page of this server —
 * the scheme and {@code Host} the request was sent to. Browsers set {@code Origin} on cross-site
 * POSTs and scripts of another site cannot forge it. Bearer credentials are exempt: a browser
 * never attaches them on its own.
 */
final class Origins {

    private Origins() {
    }

    static boolean sameOrigin(String origin, String referer, String host, String scheme) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String claimed = origin != null && !origin.isBlank() && !"null".equals(origin.strip()) ? origin : referer;
        if (claimed == null || claimed.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(claimed.strip());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return false;
            }
            String expectedScheme = scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
            return uri.getScheme().toLowerCase(Locale.ROOT).equals(expectedScheme)
                    && authority(uri.getRawAuthority(), expectedScheme).equals(authority(host.strip(), expectedScheme));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** host:port in lower case, with the scheme's default port made explicit. */
    private static String authority(String authority, String scheme) {
        String lower = authority.toLowerCase(Locale.ROOT);
        boolean hasPort = lower.lastIndexOf(':') > lower.lastIndexOf(']');
        return hasPort ? lower : lower + (scheme.equals("https") ? ":443" : ":80");
    }
}
