package io.clearpost.support;

/** What the caller names existed but can no longer be used (an invitation used, replaced or expired). */
public class Gone extends RuntimeException {

    public Gone(String detail) {
        super(detail);
    }
}
