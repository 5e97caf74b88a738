package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mount propagation, observed: the host has a shared mount (a bind of a test directory onto itself, made shared);
 * the container bind-mounts it at /vol; after the container started, the host mounts a tmpfs below it. Whether the
 * container then sees that tmpfs depends on linux.rootfsPropagation (default, rslave, shared and the
 * non-recursive private: yes; rprivate: no) and on the propagation option of the mount itself (rslave/rshared: yes;
 * rprivate/private: no).
 */
class PropagationTest extends ItBase {

    private Path sharedHostDir() throws IOException {
        Path src = Files.createDirectories(work.resolve("hostvol"));
        assertEquals(0, HostFs.sh("mount", "--bind", src.toString(), src.toString()), "bind " + src);
        assertEquals(0, HostFs.sh("mount", "--make-shared", src.toString()), "make-shared " + src);
        return src;
    }

    /** Runs the bundle (a probe that waits for USR1, then prints mounts), mounts a tmpfs at src/name meanwhile. */
    private boolean containerSeesLateHostMount(Bundle b, Path src, String name) throws IOException {
        Files.createDirectories(src.resolve(name));
        b.args("probe", "trap", "30", "mounts");
        String id = newId(name);
        OciRuntime.Spawned run = spawnRun(b, id);
        run.awaitStdout("trap=ready", SHORT);
        assertEquals(0, HostFs.sh("mount", "-t", "tmpfs", "-o", "size=1m", "late-" + name, src.resolve(name).toString()));
        try {
            assertEquals(0, rt.run("kill", id, "USR1").exitCode());
            OciRuntime.Result r = run.await(SHORT);
            assertEquals(0, r.exitCode(), r::describe);
            Probe p = Probe.parse(r.stdout());
            p.mount("/vol");
            return p.mounts().containsKey("/vol/" + name);
        } finally {
            HostFs.sh("umount", "-l", src.resolve(name).toString());
        }
    }

    @Test
    void rootfsPropagationDecidesWhetherLaterHostMountsReachTheContainer() throws IOException {
        Path src = sharedHostDir();
        for (Object[] c : List.of(new Object[] {null, true}, new Object[] {"rslave", true}, new Object[] {"shared", true},
                // "private" is not recursive: only / becomes private, the bind below it keeps its link to the host
                new Object[] {"private", true}, new Object[] {"rprivate", false})) {
            String prop = (String) c[0];
            Bundle b = bundle("b-" + prop);
            if (prop != null) b.rootfsPropagation(prop);
            b.addMount("/vol", "bind", src.toString(), "rbind");
            String name = "sub-" + (prop == null ? "default" : prop);
            assertEquals(c[1], containerSeesLateHostMount(b, src, name), "rootfsPropagation " + (prop == null ? "(default)" : prop));
        }
    }

    @Test
    void mountPropagationOptionsDecideWhetherLaterHostMountsReachTheContainer() throws IOException {
        Path src = sharedHostDir();
        for (Object[] c : List.of(new Object[] {"rslave", true}, new Object[] {"rshared", true}, new Object[] {"rprivate", false},
                new Object[] {"private", false})) {
            String opt = (String) c[0];
            Bundle b = bundle("m-" + opt); // default rootfsPropagation (rslave): the mount's own option decides
            b.addMount("/vol", "bind", src.toString(), "rbind", opt);
            String name = "m-" + opt;
            assertEquals(c[1], containerSeesLateHostMount(b, src, name), "mount option " + opt);
        }
    }
}
