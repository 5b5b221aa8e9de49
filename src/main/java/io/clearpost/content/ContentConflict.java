package io.clearpost.content;

/** A transition the content item refuses in its current state (answered with 409). */
public class ContentConflict extends RuntimeException {
    public ContentConflict(String message) {
        super(message);
    }
}
