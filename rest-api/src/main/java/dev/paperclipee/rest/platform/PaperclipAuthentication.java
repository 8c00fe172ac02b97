package dev.paperclipee.rest.platform;

import dev.paperclipee.access.boundary.BoardUsers;
import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.BoardUser;
import dev.paperclipee.access.entity.DeploymentMode;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The one authentication mechanism of the web application (spec §9, deployment-modes.md §4),
 * asked by the container on every request:
 *
 * <ol>
 *   <li>{@code Authorization: Bearer <token>} — an agent API key, a run-scoped token or a board
 *       API key, checked by {@link BearerIdentityStore}. A header that is not a valid credential
 *       makes the request nobody; the API answers 401 ({@link BearerAuthentication}, which also
 *       owns the {@code X-Paperclip-Run-Id} rules).</li>
 *   <li>A log-in ({@code SecurityContext.authenticate} with an e-mail and password, from the
 *       login page or {@code POST /api/auth/login}) — checked by {@link BoardIdentityStore}; on
 *       success the session id changes (no fixation) and the session remembers the user.</li>
 *   <li>A session of a board user who still exists and is not disabled.</li>
 *   <li>Nothing: in {@code local_trusted} mode the implicit board (decided later, by the API and
 *       the board); in {@code authenticated} mode anonymous — board pages redirect to
 *       {@code /login}, the API answers 401.</li>
 * </ol>
 *
 * The actor is left in the request attribute {@link Actor#REQUEST_ATTRIBUTE}, and how it was
 * authenticated in {@link #VIA}. Tokens and passwords are never logged.
 */
@ApplicationScoped
@Alternative
@Priority(PaperclipAuthentication.PRIORITY)
public class PaperclipAuthentication implements HttpAuthenticationMechanism {

    /**
     * Above the board WAR's own mechanism ({@code faces.BoardPagesAuthentication}): in the runnable
     * jar both WARs are one and this one must win; in the EAR each WAR sees only its own.
     */
    public static final int PRIORITY = jakarta.interceptor.Interceptor.Priority.APPLICATION + 100;

    /** {@code bearer}, {@code session}, or {@code invalid} (a bearer header that authenticated nobody). */
    public static final String VIA = "dev.paperclipee.actor.via";
    public static final String VIA_BEARER = "bearer";
    public static final String VIA_SESSION = "session";
    public static final String VIA_INVALID = "invalid";
    static final String SESSION_USER = "dev.paperclipee.boardUserId";
    static final String API_SERVLET = "dev.paperclipee.rest.PaperclipApi";
    /** {@code PAPERCLIP_SESSION_TIMEOUT_SECONDS}: idle time after which a board session ends (default one hour). */
    static final int DEFAULT_SESSION_TIMEOUT_SECONDS = 3600;

    private static final Logger LOG = Logger.getLogger(PaperclipAuthentication.class.getName());

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    BoardUsers boardUsers;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            Optional<String> token = BearerAuthentication.token(authorization);
            if (token.isPresent()) {
                CredentialValidationResult result = identityStores.validate(new BearerCredential(token.get()));
                if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                    return loggedIn(request, context, result, VIA_BEARER);
                }
            }
            request.setAttribute(VIA, VIA_INVALID);
            return context.doNothing();
        }
        Credential credential = context.getAuthParameters() == null ? null : context.getAuthParameters().getCredential();
        if (context.isAuthenticationRequest() && credential instanceof UsernamePasswordCredential login) {
            CredentialValidationResult result = identityStores.validate(login);
            if (result.getStatus() != CredentialValidationResult.Status.VALID) {
                return AuthenticationStatus.SEND_FAILURE;
            }
            startSession(request, ((ActorPrincipal) result.getCallerPrincipal()).actor());
            return loggedIn(request, context, result, VIA_SESSION);
        }
        HttpSession session = request.getSession(false);
        Object userId = session == null ? null : session.getAttribute(SESSION_USER);
        if (userId instanceof String id) {
            Optional<BoardUser> user = boardUsers.active(UUID.fromString(id));
            if (user.isPresent()) {
                ActorPrincipal principal = new ActorPrincipal(Actor.boardUser(user.get().getId()));
                return loggedIn(request, context,
                        new CredentialValidationResult(principal, java.util.Set.of(principal.group())), VIA_SESSION);
            }
            session.invalidate(); // the user was disabled or removed: the session ends with it
        }
        if (!DeploymentMode.current().isLocalTrusted() && isBoardPage(request)) {
            return context.redirect(request.getContextPath() + "/login");
        }
        return context.doNothing();
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_USER);
        }
        HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    }

    private static AuthenticationStatus loggedIn(HttpServletRequest request, HttpMessageContext context,
                                                 CredentialValidationResult result, String via) {
        request.setAttribute(Actor.REQUEST_ATTRIBUTE, ((ActorPrincipal) result.getCallerPrincipal()).actor());
        request.setAttribute(VIA, via);
        return context.notifyContainerAboutLogin(result);
    }

    /** A fresh session id for the logged-in user (no session fixation), idle timeout from the environment. */
    private static void startSession(HttpServletRequest request, Actor user) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            request.changeSessionId();
        }
        session = request.getSession(true);
        session.setAttribute(SESSION_USER, user.id());
        session.setMaxInactiveInterval(sessionTimeoutSeconds());
        LOG.info(() -> "board user " + user.id() + " logged in");
    }

    static int sessionTimeoutSeconds() {
        String value = System.getenv("PAPERCLIP_SESSION_TIMEOUT_SECONDS");
        try {
            int seconds = value == null ? DEFAULT_SESSION_TIMEOUT_SECONDS : Integer.parseInt(value.strip());
            return seconds > 0 ? seconds : DEFAULT_SESSION_TIMEOUT_SECONDS;
        } catch (NumberFormatException e) {
            return DEFAULT_SESSION_TIMEOUT_SECONDS;
        }
    }

    /**
     * A page of the board, which an anonymous visitor is sent to log in for: everything but the
     * API (whose 401 is a JSON answer), the login page itself and the static resources it needs.
     */
    static boolean isBoardPage(HttpServletRequest request) {
        if (request.getHttpServletMapping() != null && API_SERVLET.equals(request.getHttpServletMapping().getServletName())) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return isBoardPath(path);
    }

    static boolean isBoardPath(String path) {
        return !(path.equals("/api") || path.startsWith("/api/")
                || path.equals("/login") || path.startsWith("/login.")
                || path.startsWith("/jakarta.faces.resource/") || path.startsWith("/javax.faces.resource/")
                || path.startsWith("/resources/") || path.equals("/favicon.ico"));
    }
}
