package org.flotilla.render;

/** A template that could not be rendered for a host; the message starts with template:line. */
public class RenderFailure extends Exception {
    public RenderFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
