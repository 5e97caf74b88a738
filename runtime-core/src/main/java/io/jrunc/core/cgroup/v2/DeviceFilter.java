package io.jrunc.core.cgroup.v2;

import io.jrunc.core.cgroup.CgroupDeviceRule;
import io.jrunc.core.cgroup.DeviceRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The eBPF program that is a cgroup v2 device allow list (the program crun and runc generate).
 * The kernel calls it with {@code struct bpf_cgroup_dev_ctx {u32 access_type; u32 major; u32 minor}},
 * access_type holding the device type in its low 16 bits and the access bits in its high 16; the
 * program returns 1 to allow, 0 to refuse (EPERM).
 *
 * <p>Layout: load type, access, major and minor into r2-r5; then one block per exception rule that
 * falls through to the next block unless everything matches, in which case it returns the
 * exception's verdict; last the default verdict.
 */
public final class DeviceFilter {
    /** BPF_DEVCG_DEV_* and BPF_DEVCG_ACC_* of linux/bpf.h. */
    static final int DEV_BLOCK = 1, DEV_CHAR = 2, ACC_MKNOD = 1, ACC_READ = 2, ACC_WRITE = 4;
    /** The license the program is loaded under; a device filter calls no GPL-only helper. */
    public static final String LICENSE = "Apache";

    private DeviceFilter() {}

    public static List<EbpfInsn> program(DeviceRules rules) {
        List<EbpfInsn> p = new ArrayList<>(List.of(
                EbpfInsn.loadWord(2, 1, 0), EbpfInsn.and32(2, 0xffff), // r2 = type
                EbpfInsn.loadWord(3, 1, 0), EbpfInsn.rsh32(3, 16),     // r3 = access
                EbpfInsn.loadWord(4, 1, 4),                            // r4 = major
                EbpfInsn.loadWord(5, 1, 8)));                          // r5 = minor
        for (CgroupDeviceRule r : rules.exceptions()) p.addAll(block(r));
        p.add(EbpfInsn.mov32(0, rules.defaultAllow() ? 1 : 0));
        p.add(EbpfInsn.exit());
        return p;
    }

    /** Tests of one rule, each jumping past the block on a mismatch, then the verdict. */
    private static List<EbpfInsn> block(CgroupDeviceRule r) {
        int access = access(r.access());
        List<EbpfInsn> tests = new ArrayList<>();
        tests.add(EbpfInsn.jneImm(2, r.type() == 'b' ? DEV_BLOCK : DEV_CHAR, 0));
        if (access != (ACC_MKNOD | ACC_READ | ACC_WRITE)) {
            // Every bit asked for must be granted: (access & granted) == access.
            tests.add(EbpfInsn.mov32Reg(1, 3));
            tests.add(EbpfInsn.and32(1, access));
            tests.add(EbpfInsn.jneReg(1, 3, 0));
        }
        if (r.major() != CgroupDeviceRule.ANY) tests.add(EbpfInsn.jneImm(4, (int) r.major(), 0));
        if (r.minor() != CgroupDeviceRule.ANY) tests.add(EbpfInsn.jneImm(5, (int) r.minor(), 0));
        int length = tests.size() + 2;
        List<EbpfInsn> block = new ArrayList<>(length);
        for (int i = 0; i < tests.size(); i++) {
            EbpfInsn t = tests.get(i);
            boolean jump = t.code() == EbpfInsn.JMP_JNE_K || t.code() == EbpfInsn.JMP_JNE_X;
            block.add(jump ? t.withOff(length - (i + 1)) : t);
        }
        block.add(EbpfInsn.mov32(0, r.allow() ? 1 : 0));
        block.add(EbpfInsn.exit());
        return block;
    }

    private static int access(String rwm) {
        int bits = 0;
        if (rwm.indexOf('r') >= 0) bits |= ACC_READ;
        if (rwm.indexOf('w') >= 0) bits |= ACC_WRITE;
        if (rwm.indexOf('m') >= 0) bits |= ACC_MKNOD;
        return bits;
    }
}
