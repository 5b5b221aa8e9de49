package io.clearpost.content;

/** What a reviewer decides about one revision. */
public enum Verdict {
    APPROVE, REQUEST_CHANGES, REJECT
}
