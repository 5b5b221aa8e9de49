package io.clearpost.engine;

import org.operaton.bpm.engine.impl.util.ClockUtil;

import java.time.Instant;

/**
 * The engine's clock, which process tests move to reach timers: every time Clearpost records or
 * compares (audit, deadlines, publish times) comes from here, so model and domain agree on "now".
 */
public final class EngineClock {

    private EngineClock() {
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
