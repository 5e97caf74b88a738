package io.jrunc.core.cgroup;

import io.jrunc.core.ConfigException;
import io.jrunc.spec.Device;
import io.jrunc.spec.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The device allow list a container ends up with, computed the way the v1 devices controller
 * applies rules one after another (runc's devices emulator): an "a" rule resets everything to
 * allow-all or deny-all, other rules add or remove exceptions to that default. The result is one
 * default plus exceptions that all go the other way, which both drivers can express: v1 as a reset
 * followed by devices.allow (or .deny) lines, v2 as an eBPF program.
 *
 * <p>Like runc, a removal that would punch a hole in a wildcard exception is an error: v1 would
 * silently ignore it and leave the device reachable.
 */
public final class DeviceRules {
    /**
     * A map key. equals and hashCode are written out: a record's generated ones are bootstrapped
     * through java.lang.runtime.ObjectMethods on first use, which spins method-handle classes in
     * every `create` with Docker's device rules (docs/performance.md, "Figures behind the code").
     */
    private record Meta(char type, long major, long minor) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Meta m && m.type == type && m.major == major && m.minor == minor;
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(major) * 31 + Long.hashCode(minor)) * 31 + type;
        }
    }

    /** By type, major, minor; one lambda of ours (the AOT cache keeps it) rather than Comparator's own chain (spun each run). */
    private static final Comparator<Meta> ORDER = (a, b) -> {
        int c = Character.compare(a.type, b.type);
        if (c == 0) c = Long.compare(a.major, b.major);
        return c != 0 ? c : Long.compare(a.minor, b.minor);
    };

    /** A built-in rule, and the device node it belongs to (null for the rules of a whole class). */
    private record Builtin(CgroupDeviceRule rule, String path) {
        static Builtin of(char type, long major, long minor, String access, String path) {
            return new Builtin(new CgroupDeviceRule(type, major, minor, access, true, "default device rules"), path);
        }
    }

    /**
     * runc's built-in rules, appended to every container's (mknod of anything; the default device
     * nodes; ptys; the tun device). Those with a path are left out when linux.devices has that path.
     */
    private static final List<Builtin> DEFAULTS = List.of(
            Builtin.of('c', CgroupDeviceRule.ANY, CgroupDeviceRule.ANY, "m", null), Builtin.of('b', CgroupDeviceRule.ANY, CgroupDeviceRule.ANY, "m", null),
            Builtin.of('c', 1, 3, "rwm", "/dev/null"), Builtin.of('c', 1, 8, "rwm", "/dev/random"),
            Builtin.of('c', 1, 7, "rwm", "/dev/full"), Builtin.of('c', 5, 0, "rwm", "/dev/tty"),
            Builtin.of('c', 1, 5, "rwm", "/dev/zero"), Builtin.of('c', 1, 9, "rwm", "/dev/urandom"),
            Builtin.of('c', 136, CgroupDeviceRule.ANY, "rwm", null), Builtin.of('c', 5, 2, "rwm", null),
            Builtin.of('c', 10, 200, "rwm", null));

    /** A fresh emulator starts deny-all, as a cgroup whose first rule is an allow would be. */
    private boolean defaultAllow;
    private final Map<Meta, String> exceptions = new TreeMap<>(ORDER);
    private final boolean explicit;

    private DeviceRules(boolean explicit) {
        this.explicit = explicit;
    }

    /** linux.resources.devices in order, then the built-in rules (minus those linux.devices replaces). */
    public static DeviceRules forCreate(Resources resources, List<Device> linuxDevices) throws ConfigException {
        List<io.jrunc.spec.DeviceRule> given = resources == null ? List.of() : Absent.orEmpty(resources.devices());
        DeviceRules rules = new DeviceRules(!given.isEmpty());
        for (int i = 0; i < given.size(); i++) rules.apply(parse(given.get(i), "linux.resources.devices[" + i + "]"));
        for (Builtin b : DEFAULTS) {
            if (b.path() != null && linuxDevices != null && linuxDevices.stream().anyMatch(d -> b.path().equals(d.path()))) continue;
            rules.apply(b.rule());
        }
        return rules;
    }

    /** Rules given directly, for tests and for callers that have no config. */
    public static DeviceRules of(List<CgroupDeviceRule> rules) throws ConfigException {
        DeviceRules out = new DeviceRules(true);
        for (CgroupDeviceRule r : rules) out.apply(r);
        return out;
    }

    /** Whether the config gave rules itself (not only the built-in ones). */
    public boolean explicit() {
        return explicit;
    }

    public boolean defaultAllow() {
        return defaultAllow;
    }

    /** The exceptions to the default, in a stable order; each one's {@code allow} is {@code !defaultAllow()}. */
    public List<CgroupDeviceRule> exceptions() {
        List<CgroupDeviceRule> out = new ArrayList<>();
        exceptions.forEach((m, access) -> out.add(new CgroupDeviceRule(m.type(), m.major(), m.minor(), access, !defaultAllow, "")));
        return out;
    }

    private void apply(CgroupDeviceRule rule) throws ConfigException {
        if (rule.type() == 'a') {
            defaultAllow = rule.allow();
            exceptions.clear();
            return;
        }
        if (rule.allow() == defaultAllow) remove(rule);
        else add(rule);
    }

    private void add(CgroupDeviceRule rule) {
        exceptions.merge(new Meta(rule.type(), rule.major(), rule.minor()), rule.access(), CgroupDeviceRule::union);
    }

    private void remove(CgroupDeviceRule rule) throws ConfigException {
        Meta meta = new Meta(rule.type(), rule.major(), rule.minor());
        for (Meta wider : List.of(new Meta(rule.type(), CgroupDeviceRule.ANY, rule.minor()), new Meta(rule.type(), rule.major(), CgroupDeviceRule.ANY),
                new Meta(rule.type(), CgroupDeviceRule.ANY, CgroupDeviceRule.ANY))) {
            if (wider.equals(meta)) continue;
            String access = exceptions.get(wider);
            if (access != null && CgroupDeviceRule.overlaps(access, rule.access())) {
                throw new ConfigException(rule.origin(), "rule " + rule.cgroupString() + " cannot punch a hole in the wider rule "
                        + new CgroupDeviceRule(wider.type(), wider.major(), wider.minor(), access, !rule.allow(), "").cgroupString()
                        + " (the devices controller would ignore it)");
            }
        }
        String left = exceptions.get(meta);
        if (left == null) return;
        left = CgroupDeviceRule.minus(left, rule.access());
        if (left.isEmpty()) exceptions.remove(meta);
        else exceptions.put(meta, left);
    }

    /** A linux.resources.devices entry, checked as runc checks it. */
    static CgroupDeviceRule parse(io.jrunc.spec.DeviceRule d, String origin) throws ConfigException {
        String type = d.type() == null || d.type().isEmpty() ? "a" : d.type();
        if (!type.equals("a") && !type.equals("b") && !type.equals("c")) {
            throw new ConfigException(origin + ".type", "invalid cgroup device type \"" + type + "\" (use a, b or c)");
        }
        if (d.access() == null || d.access().isEmpty()) throw new ConfigException(origin + ".access", "device access cannot be empty");
        String access;
        try {
            access = CgroupDeviceRule.normalizeAccess(d.access());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin + ".access", e.getMessage());
        }
        long major = d.major() == null ? CgroupDeviceRule.ANY : d.major();
        long minor = d.minor() == null ? CgroupDeviceRule.ANY : d.minor();
        if (major < CgroupDeviceRule.ANY || major > 0xffffffffL) throw new ConfigException(origin + ".major", "invalid major " + major);
        if (minor < CgroupDeviceRule.ANY || minor > 0xffffffffL) throw new ConfigException(origin + ".minor", "invalid minor " + minor);
        return new CgroupDeviceRule(type.charAt(0), major, minor, access, d.allow(), origin);
    }
}
