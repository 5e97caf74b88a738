package io.jrunc.core.state;

import java.util.Map;

/**
 * What jrunc keeps about a container in {@code <root>/<id>/state.json}. The OCI state is derived
 * from it (status is never stored: it is read from the live process each time).
 *
 * @param initStartTime the init's start time in clock ticks (/proc/PID/stat field 22), so a reused
 *                      pid is never mistaken for our container
 * @param cgroups       the container's cgroup directory per hierarchy name
 * @param namespaces    the namespaces the container owns or joined, by OCI type, as /proc paths
 */
public record ContainerRecord(String ociVersion, String id, int initPid, long initStartTime, String bundle,
                              String rootfs, String created, String owner, Map<String, String> annotations,
                              Map<String, String> cgroups, Map<String, String> namespaces, boolean sharedPidNamespace) {
}
