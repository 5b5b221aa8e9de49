package io.clearpost.support;

/** The action does not fit the current state (task completed, stale revision hash, four-eyes, published post). */
public class Conflict extends RuntimeException {

    public Conflict(String detail) {
        super(detail);
    }
}
