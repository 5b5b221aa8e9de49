package io.clearpost.support;

/** The caller's role in a brand they belong to does not allow the action. */
public class Forbidden extends RuntimeException {

    public Forbidden(String detail) {
        super(detail);
    }
}
