package io.clearpost.notify;

/** How a user wants one kind of notification: a mail of its own, a line in the daily digest, or nothing. */
public enum Delivery {
    IMMEDIATE, DIGEST, OFF
}
