package io.clearpost.task;

import java.util.Map;
import java.util.Set;

/**
 * A feature's part in completing one of its user tasks: apply the (schema-validated) form values
 * to its aggregate and return the variables the process model reads (e.g. {@code decision}).
 * Throwing a domain exception ({@link io.clearpost.support.InvalidInput}, {@link io.clearpost.support.Conflict}, …) refuses the completion; nothing is changed then.
 */
public interface TaskCompletion {

    Set<String> taskKeys();

    Map<String, Object> complete(TaskRef task, Map<String, Object> values);
}
