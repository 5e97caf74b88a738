package io.jrunc.spec;

/**
 * One of {@code linux.namespaces}.
 *
 * @param type pid, network, mount, ipc, uts, user, cgroup or time
 * @param path an existing namespace to join; null or "" to create a new one
 */
public record Namespace(String type, String path) {}
