package io.jrunc.core.lifecycle;

import io.jrunc.core.JruncException;
import io.jrunc.core.state.ContainerRecord;
import io.jrunc.core.state.Status;
import io.jrunc.spec.RuncState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        List<RuncState> out = new ArrayList<>();
        for (String id : ctx.store().ids()) {
            try {
                Container c = Container.load(ctx.store(), id);
                out.add(view(c, owner(c.dir())));
            } catch (JruncException vanished) {
                // deleted while we listed
            }
        }
        return out;
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
