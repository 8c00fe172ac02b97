package dev.paperclipee.faces;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The board WAR's own authentication mechanism, for the EAR. Jakarta Security (Soteria) installs
 * the application's mechanism for every web module of an EAR, but the API's
 * ({@code rest.platform.PaperclipAuthentication}) lives in the API WAR and cannot be resolved from
 * this one: without a mechanism of its own every board page failed with a 500. This one
 * authenticates nobody, so the board WAR behaves as it did before board log-in existed: the
 * implicit board operator in {@code local_trusted} mode, and in {@code authenticated} mode pages
 * that refuse to act ({@link BoardSession#actor()}). In the runnable jar, where both WARs are one,
 * the API's mechanism has the higher priority and is the one used.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class BoardPagesAuthentication implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        return context.doNothing();
    }
}
