package dev.paperclipee.faces;

import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;

/** Installs {@link DomainMessages} (faces-config.xml). */
public class DomainMessagesFactory extends ExceptionHandlerFactory {

    public DomainMessagesFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new DomainMessages(getWrapped().getExceptionHandler());
    }
}
