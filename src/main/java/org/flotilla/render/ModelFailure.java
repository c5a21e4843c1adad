package org.flotilla.render;

/** A host's model could not be made (its certificate could not be issued); no template was rendered. */
public class ModelFailure extends Exception {
    public ModelFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
