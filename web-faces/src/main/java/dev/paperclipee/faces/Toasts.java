package dev.paperclipee.faces;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Success and hint toasts for the template's growl. Refusals of the domain go through {@link DomainMessages}. */
public final class Toasts {

    private Toasts() {
    }

    public static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    public static void info(String heading, String detail) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, heading, detail));
    }

    public static void warn(String heading, String detail) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, heading, detail));
    }
}
