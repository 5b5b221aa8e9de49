package io.clearpost.engine;

import org.operaton.bpm.engine.delegate.TaskListener;

/**
 * A task listener the engine attaches to every user task of every model ({@link UserTaskListeners}),
 * for concerns that hold for all tasks alike (deadlines, cycle-time metrics), so no model repeats them.
 */
public interface EveryUserTask extends TaskListener {

    /** {@link TaskListener#EVENTNAME_CREATE}, {@link TaskListener#EVENTNAME_COMPLETE}, … */
    String eventName();
}
