package io.clearpost.crisis;

/** OPEN until resolve-crisis, RESOLVED until the post-mortem, then CLOSED. */
public enum CrisisStatus {
    OPEN, RESOLVED, CLOSED
}
