package io.jrunc.core.cgroup.v2;

import io.jrunc.core.ConfigException;
import io.jrunc.core.cgroup.CgroupDir;
import io.jrunc.core.cgroup.DeviceRules;
import io.jrunc.sys.ErrnoException;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.Syscalls.BpfConstants;
import io.jrunc.sys.Syscalls.OpenFlags;

/**
 * The device allow list on cgroup v2: the rules compiled into an eBPF program (DeviceFilter),
 * loaded with bpf(2) and attached to the cgroup directory. It is attached with BPF_F_ALLOW_MULTI
 * (programs of ancestors keep running too) and then whatever device programs were attached to this
 * cgroup before are detached, so a reused cgroup never keeps an old, wider list. The cgroup holds
 * the program once attached; our fds are closed.
 */
public final class V2Devices {
    private static final String FIELD = "linux.resources.devices";

    private V2Devices() {}

    public static void apply(Syscalls sys, CgroupDir dir, DeviceRules rules) throws ConfigException {
        byte[] code = EbpfInsn.encode(DeviceFilter.program(rules));
        int cgroup = -1, prog = -1;
        try {
            cgroup = sys.open(dir.path().toString(), OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0);
            int[] old = sys.bpfAttachedIds(cgroup, BpfConstants.ATTACH_CGROUP_DEVICE);
            prog = sys.bpfLoadCgroupDeviceProgram(code, DeviceFilter.LICENSE);
            sys.bpfAttach(cgroup, prog, BpfConstants.ATTACH_CGROUP_DEVICE, BpfConstants.F_ALLOW_MULTI);
            for (int id : old) detach(sys, cgroup, id);
        } catch (ErrnoException e) {
            throw new ConfigException(FIELD, "cannot install the cgroup v2 device filter on " + dir.path() + ": " + e.getMessage());
        } finally {
            closeQuietly(sys, prog);
            closeQuietly(sys, cgroup);
        }
    }

    private static void detach(Syscalls sys, int cgroup, int id) throws ErrnoException {
        int fd = sys.bpfProgramFd(id);
        try {
            sys.bpfDetach(cgroup, fd, BpfConstants.ATTACH_CGROUP_DEVICE);
        } finally {
            closeQuietly(sys, fd);
        }
    }

    private static void closeQuietly(Syscalls sys, int fd) {
        if (fd < 0) return;
        try {
            sys.close(fd);
        } catch (ErrnoException ignored) {
            // nothing to do about a failed close of our own fd
        }
    }
}
