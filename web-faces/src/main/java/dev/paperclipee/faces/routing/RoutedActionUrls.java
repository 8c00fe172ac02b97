package dev.paperclipee.faces.routing;

import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.context.FacesContext;

/**
 * Keeps the address of a routed page: its forms (and so every AJAX request of PrimeFaces) post
 * back to {@code /companies/{id}/...}, not to the file behind it. Registered in faces-config.xml.
 */
public class RoutedActionUrls extends ViewHandlerWrapper {

    public RoutedActionUrls(ViewHandler wrapped) {
        super(wrapped);
    }

    @Override
    public String getActionURL(FacesContext context, String viewId) {
        Object routed = context.getExternalContext().getRequestMap().get(BoardRoutes.ROUTED_URI);
        if (routed != null && context.getViewRoot() != null && viewId.equals(context.getViewRoot().getViewId())) {
            return routed.toString();
        }
        return super.getActionURL(context, viewId);
    }
}
