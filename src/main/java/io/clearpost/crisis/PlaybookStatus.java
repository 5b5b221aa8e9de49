package io.clearpost.crisis;

/** A playbook revision waits for legal ({@code DRAFT}), was approved, or was rejected; changed texts are DRAFT again. */
public enum PlaybookStatus {
    DRAFT, APPROVED, REJECTED
}
