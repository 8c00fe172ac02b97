package dev.paperclipee.faces;

import dev.paperclipee.access.control.RateLimits;
import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.BoardUser;
import dev.paperclipee.access.entity.DeploymentMode;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * The login page and the board's logout link (spec §9.1, deployment-modes.md §4): the e-mail and
 * password go to Jakarta Security ({@link SecurityContext#authenticate}), which starts the same
 * session the board's API calls use. Tries are rate limited per client address and e-mail (429
 * with {@code Retry-After}). In {@code local_trusted} mode there is nobody to log in as: the
 * page sends the visitor to the board.
 */
@Named
@RequestScoped
public class Login {

    static final String BAD_LOGIN = "Invalid email or password";
    static final String TOO_MANY = "Too many attempts: try again in a minute";

    @Inject
    SecurityContext security;

    @Inject
    RateLimits limits;

    private String email;
    private String password;

    public boolean isLocalTrusted() {
        return DeploymentMode.current().isLocalTrusted();
    }

    /** Already logged in, or no login in this mode: go to the board (on GET of the page). */
    public void redirectIfDone() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        if (isLocalTrusted() || external.getRequestMap().get(Actor.REQUEST_ATTRIBUTE) != null) {
            external.redirect(external.getRequestContextPath() + "/");
        }
    }

    public String login() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        OptionalLong retryAfter = limits.take(RateLimits.Kind.LOGIN, request.getRemoteAddr() + "|" + BoardUser.normalEmail(email));
        if (retryAfter.isPresent()) {
            response.setStatus(429);
            response.setHeader("Retry-After", String.valueOf(retryAfter.getAsLong()));
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, TOO_MANY, null));
            return null;
        }
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(email, new Password(password == null ? "" : password)))
                .newAuthentication(true));
        password = null;
        // SUCCESS alone is not proof: some servers answer it for any programmatic call; the mechanism
        // leaves the actor only for a valid log-in
        if (status == AuthenticationStatus.SUCCESS && request.getAttribute(Actor.REQUEST_ATTRIBUTE) != null) {
            external.redirect(external.getRequestContextPath() + "/");
            faces.responseComplete();
            return null;
        }
        response.setStatus(200); // the page answers, with its message, whatever the mechanism set
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, BAD_LOGIN, null));
        return null;
    }

    /** Ends the session and goes to the login page. */
    public void logout() throws IOException, ServletException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        external.redirect(external.getRequestContextPath() + "/login");
    }

    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
}
