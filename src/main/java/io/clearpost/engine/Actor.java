package io.clearpost.engine;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.impl.identity.Authentication;

/** Who acts when the engine runs a delegate: the user whose task completion drove it there, else the system. */
public final class Actor {

    public static final String SYSTEM = "system";

    private Actor() {
    }

    public static String of(DelegateExecution execution) {
        Authentication auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return auth == null || auth.getUserId() == null ? SYSTEM : auth.getUserId();
    }
}
