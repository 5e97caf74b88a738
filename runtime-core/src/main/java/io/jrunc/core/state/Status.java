package io.jrunc.core.state;

/** The OCI states, as runc prints them. */
public enum Status {
    CREATING, CREATED, RUNNING, PAUSED, STOPPED;

    public String text() {
        return name().toLowerCase();
    }
}
