package io.jrunc.spec;

import io.jrunc.spec.json.Uint32Elements;
import io.jrunc.spec.json.Uint32;
import java.util.List;

/**
 * {@code process.user}. Ids are uint32 in the spec, held in longs so that 4294967294 stays
 * positive; anything outside 0..4294967295 is rejected when read. A missing uid or gid is 0, as in Go.
 *
 * @param umask null leaves the runtime's default (0022)
 * @param username Windows only; ignored on Linux
 */
public record User(
        @Uint32 long uid,
        @Uint32 long gid,
        @Uint32 Long umask,
        @Uint32Elements List<Long> additionalGids,
        String username) {
    /** uid 0, gid 0 and nothing else: who a process without {@code user} runs as (as in Go, missing ids are 0). */
    public static User root() {
        return new User(0, 0, null, null, null);
    }

    public User {
        additionalGids = Immutable.list(additionalGids);
    }
}
