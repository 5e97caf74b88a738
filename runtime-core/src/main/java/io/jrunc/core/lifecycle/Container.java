package io.jrunc.core.lifecycle;

import io.jrunc.core.cgroup.CgroupManager;
import io.jrunc.core.state.ContainerRecord;
import io.jrunc.core.state.ProcStat;
import io.jrunc.core.state.StateStore;
import io.jrunc.core.state.Status;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A loaded container: its record plus what is derived from the live system. Status is never stored:
 * paused while the freezer holds it at the user's request (UserPause), created while the init waits on the exec fifo, running while
 * the init lives, stopped after.
 */
public record Container(ContainerRecord record, Path dir) {

    public static Container load(StateStore store, String id) throws io.jrunc.core.JruncException {
        return new Container(store.load(id), store.dir(id));
    }

    public String id() {
        return record.id();
    }

    public boolean initAlive() {
        return ProcStat.isOurs(record.initPid(), record.initStartTime());
    }

    public Status status() {
        if (!initAlive()) return Status.STOPPED;
        // Frozen first, as runc: a created container can be paused too, and then says so. Only a
        // freeze the user asked for: kill --all and delete freeze for a moment too (UserPause).
        if (UserPause.marked(dir) && cgroups().isFrozen()) return Status.PAUSED;
        if (Files.exists(dir.resolve(StateStore.EXEC_FIFO), LinkOption.NOFOLLOW_LINKS)) return Status.CREATED;
        return Status.RUNNING;
    }

    public CgroupManager cgroups() {
        Map<String, Path> dirs = new LinkedHashMap<>();
        if (record.cgroups() != null) record.cgroups().forEach((k, v) -> dirs.put(k, Path.of(v)));
        return new CgroupManager(dirs);
    }
}
