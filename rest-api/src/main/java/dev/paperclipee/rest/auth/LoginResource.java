package dev.paperclipee.rest.auth;

import dev.paperclipee.access.control.RateLimits;
import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.BoardUser;
import dev.paperclipee.rest.platform.ApiError;
import dev.paperclipee.rest.platform.Public;
import dev.paperclipee.rest.platform.RateLimited;
import dev.paperclipee.shared.entity.Text;

import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/auth/login} and {@code /api/auth/logout}: a board session for scripts and the
 * board's own API calls, the same session the login page starts (deployment-modes.md §4). Open
 * to anyone — that is what logging in is — and rate limited per client address and e-mail
 * (429 with {@code Retry-After}). A wrong e-mail, a wrong password and a disabled user are one
 * 401 that says neither.
 */
@Tag(name = "auth")
@Path("auth")
@Public
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LoginResource {

    static final String BAD_LOGIN = "Invalid email or password";

    @Inject
    SecurityContext security;

    @Inject
    RateLimits limits;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @Schema(name = "LoginRequest")
    public record Login(@NotNull @Size(min = 1, max = 200) String email,
                        @NotNull @Size(min = 1, max = 1000) String password) {
        @Override
        public String toString() {
            return "Login[email=" + email + ", password=(not shown)]";
        }
    }

    /** The logged-in board user. */
    public record SessionResponse(String userId, String kind) {
    }

    /** 200 and a session cookie; 401 for anything wrong; 429 when tried too often. */
    @POST
    @Path("login")
    public Response login(@NotNull(message = "a JSON object is required") @Valid Login body) {
        Text.required("email", body.email(), 200); // NUL characters and lone surrogates: 400, as everywhere
        Text.required("password", body.password(), 1000);
        RateLimited.check(limits, RateLimits.Kind.LOGIN, request.getRemoteAddr() + "|" + BoardUser.normalEmail(body.email()));
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(body.email(), new Password(body.password())))
                .newAuthentication(true));
        Object actor = request.getAttribute(Actor.REQUEST_ATTRIBUTE);
        if (status != AuthenticationStatus.SUCCESS || !(actor instanceof Actor board)) {
            return ApiError.response(401, BAD_LOGIN);
        }
        return Response.ok(new SessionResponse(board.id(), "board")).build();
    }

    /** Ends the session, if any; 204 either way. */
    @POST
    @Path("logout")
    public Response logout() throws ServletException {
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return Response.noContent().build();
    }
}
