package io.clearpost.task;

import io.clearpost.tenancy.CurrentUser;

/**
 * The task being completed and who completes it, as handed to the feature that owns the task key.
 * {@code platform} is set for the per-platform tasks of publication.
 */
public record TaskRef(String id, String key, String brand, String briefId, String contentId, String platform,
                      CurrentUser user) {
}
