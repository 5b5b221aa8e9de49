package io.clearpost.support;

import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.TaskAlreadyClaimedException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;

import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientException;

/**
 * Whether a failure means that a concurrent request changed the same task, content or brand first:
 * an optimistic-locking failure (ours or the engine's), a deadlock or lock timeout, or a duplicate key.
 * The losing transaction rolled back whole; the caller may reload and try again (409).
 */
public final class LostRace {

    private LostRace() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockingException || t instanceof TaskAlreadyClaimedException
                    || t instanceof ConcurrencyFailureException || t instanceof DuplicateKeyException
                    || t instanceof SQLTransientException || t instanceof SQLIntegrityConstraintViolationException
                    && t.getMessage() != null && t.getMessage().toLowerCase().contains("duplicate")
                    || t instanceof SQLIntegrityConstraintViolationException
                    && t.getMessage() != null && t.getMessage().contains("Unique index or primary key violation")) {
                return true;
            }
        }
        return false;
    }
}
