package io.jrunc.core.plan;

/**
 * The points at which a plan stops the helper (a SYNC op) until Java has done what only the parent
 * can do. The helper only echoes the tag back (docs/plan-protocol.md, "Sync points"); what each
 * point means is defined here, once, and answered by a switch over this enum where the plan runs.
 * The tags are wire values: 50-59 are the user namespace's, 70-79 create's, 80-89 exec's, 90-99
 * the hooks'.
 */
public enum SyncPoint {
    /** Right after UNSHARE(CLONE_NEWUSER): the parent writes setgroups, uid_map and gid_map. */
    ID_MAPS(50),
    /** Right after READY in every create plan: the parent records the container, then the init may outlive it. */
    RECORDED(70),
    /** An exec plan, after its OPEN_NS ops: the parent checks the container's init is still the one recorded. */
    INIT_CHECK(80),
    /** Right before pivot_root, when the config has prestart or createRuntime hooks: the parent runs them. */
    RUNTIME_HOOKS(90);

    private final int tag;

    SyncPoint(int tag) {
        this.tag = tag;
    }

    /** The value on the wire (the SYNC op's argument, the SYNC and ACK messages' body). */
    public int tag() {
        return tag;
    }

    /** The sync point a helper's SYNC message names, or null for a tag no plan of ours carries. */
    public static SyncPoint of(int tag) {
        for (SyncPoint p : values()) {
            if (p.tag == tag) return p;
        }
        return null;
    }
}
