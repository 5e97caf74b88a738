package io.jrunc.core.lifecycle;

import io.jrunc.core.JruncException;
import io.jrunc.core.state.ContainerRecord;
import io.jrunc.core.state.Footprint;
import io.jrunc.core.state.StateStore;
import io.jrunc.core.state.Status;
import io.jrunc.spec.RuncState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import io.jrunc.spec.json.GoTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** `state` and `list`: the OCI state of one container or of all, in runc's shape. */
public final class QueryState {
    private final RuntimeContext ctx;

    public QueryState(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    public RuncState state(String id) throws JruncException {
        return view(Container.load(ctx.store(), id), "");
    }

    /** Every container; unlike `state`, runc's `list` fills in the owner's user name. */
    public List<RuncState> list() throws JruncException {
        return list(problem -> { });
    }

    /**
     * As {@link #list()}; a container whose state.json cannot be read is not hidden: {@code warn}
     * gets runc's {@code load container ID: REASON} and the row shows what its {@link Footprint}
     * knows (the init's pid and the status derived from it, the created time; no bundle).
     */
    public List<RuncState> list(Consumer<String> warn) throws JruncException {
        List<RuncState> out = new ArrayList<>();
        for (String id : ctx.store().ids()) {
            Path dir = ctx.store().dir(id);
            try {
                Container c = Container.load(ctx.store(), id);
                out.add(view(c, owner(c.dir())));
            } catch (JruncException unreadable) {
                if (!Files.exists(dir.resolve(StateStore.STATE_FILE), LinkOption.NOFOLLOW_LINKS)) continue; // deleted while we listed
                warn.accept("load container " + id + ": " + unreadable.getMessage());
                out.add(view(fromFootprint(id, dir), owner(dir)));
            }
        }
        return out;
    }

    /** A record with what the footprint knows of a container whose state.json is unusable. */
    private static Container fromFootprint(String id, Path dir) {
        Footprint f;
        try {
            f = Footprint.read(dir);
        } catch (IOException e) {
            f = Footprint.NONE;
        }
        Footprint.Process init = f.processes().stream().filter(p -> p.role().equals("init")).findFirst()
                .orElse(new Footprint.Process("init", 0, 0));
        Map<String, String> cgroups = new LinkedHashMap<>();
        f.cgroups().forEach((k, v) -> cgroups.put(k, v.toString()));
        String created = f.created().isEmpty() ? GoTime.format(java.time.Instant.EPOCH) : f.created();
        ContainerRecord r = new ContainerRecord("", id, init.pid(), init.startTime(), "", "", created, "", Map.of(), cgroups,
                Map.of(), false);
        return new Container(r, dir);
    }

    private static RuncState view(Container c, String owner) {
        ContainerRecord r = c.record();
        Status status = c.status();
        int pid = status == Status.STOPPED ? 0 : r.initPid();
        return new RuncState(r.ociVersion(), r.id(), pid, status.text(), r.bundle(), r.rootfs(),
                io.jrunc.spec.json.GoTime.parse(r.created()), r.annotations(), owner);
    }

    private static String owner(Path dir) {
        try {
            int uid = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 2 && f[2].equals(Integer.toString(uid))) return f[0];
            }
            return "#" + uid;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
