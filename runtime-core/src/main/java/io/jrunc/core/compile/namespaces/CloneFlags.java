package io.jrunc.core.compile.namespaces;

import java.util.Map;

/** CLONE_NEW* values (linux/sched.h) by OCI namespace type. */
public final class CloneFlags {
    public static final int CLONE_NEWTIME = 0x80, CLONE_NEWNS = 0x20000, CLONE_NEWCGROUP = 0x02000000,
            CLONE_NEWUTS = 0x04000000, CLONE_NEWIPC = 0x08000000, CLONE_NEWUSER = 0x10000000,
            CLONE_NEWPID = 0x20000000, CLONE_NEWNET = 0x40000000;

    private static final Map<String, Integer> BY_TYPE = Map.of(
            "pid", CLONE_NEWPID, "network", CLONE_NEWNET, "mount", CLONE_NEWNS, "ipc", CLONE_NEWIPC,
            "uts", CLONE_NEWUTS, "user", CLONE_NEWUSER, "cgroup", CLONE_NEWCGROUP, "time", CLONE_NEWTIME);

    /** The flag for an OCI namespace type, or 0 for an unknown type. */
    public static int of(String type) {
        return BY_TYPE.getOrDefault(type, 0);
    }

    /** Every namespace type jrunc can create or join, sorted: `features` lists them. */
    public static java.util.List<String> types() {
        return BY_TYPE.keySet().stream().sorted().toList();
    }

    private CloneFlags() {}
}
