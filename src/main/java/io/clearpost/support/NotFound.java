package io.clearpost.support;

/** Something the caller asked for does not exist, or belongs to a brand the caller is not a member of. */
public class NotFound extends RuntimeException {

    /** @param what the resource, as the caller named it ("content 42", "brand acme-bank") */
    public NotFound(String what) {
        super(what + " not found");
    }
}
