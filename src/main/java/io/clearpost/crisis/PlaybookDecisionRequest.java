package io.clearpost.crisis;

/** POST /api/brands/{brand}/playbooks/{id}/approvals. */
record PlaybookDecisionRequest(String decision, String comment, String revisionHash) {
}
