package dev.paperclipee.faces.routing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.paperclipee.faces.BoardSession;

import jakarta.inject.Inject;

import java.io.IOException;
import java.util.Optional;

/**
 * Serves {@code /companies/{companyId}/{section}[/{itemId}]} by forwarding to the page that
 * {@link Route} names, with the ids as request attributes ({@link BoardRoute} reads them). The
 * browser keeps the address: {@link RoutedActionUrls} makes the page's forms post back to it.
 * An annotation, not web.xml, so that it works in the EAR's web-faces.war and in the micro
 * overlay (whose own web.xml replaces web-faces' one).
 */
@WebFilter(filterName = "BoardRoutes", urlPatterns = "/companies/*", dispatcherTypes = DispatcherType.REQUEST)
public class BoardRoutes extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** Request attribute: the {@link Route} the request came by. */
    public static final String ROUTE = Route.class.getName();

    /** Request attribute: the address the browser asked for, context path included, without the query. */
    public static final String ROUTED_URI = BoardRoutes.class.getName() + ".uri";

    @Inject
    BoardSession session;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<Route> route = Route.of(path);
        if (route.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        session.select(route.get().companyId()); // the global selector follows the address
        request.setAttribute(ROUTE, route.get());
        request.setAttribute(ROUTED_URI, request.getRequestURI());
        request.getRequestDispatcher(route.get().viewPath()).forward(request, response);
    }
}
