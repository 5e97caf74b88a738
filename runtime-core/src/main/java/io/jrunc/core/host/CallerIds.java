package io.jrunc.core.host;

import java.util.List;

/**
 * The caller's effective uid and gid, read from /proc/self/status (the second column of its Uid: and
 * Gid: lines) with plain file I/O: every command needs them to pick its defaults, and a native call
 * would cost each of them the linking of the FFM handle.
 */
public record CallerIds(long uid, long gid) {
    /** From the lines of /proc/self/status; root when they say nothing (a made-up host in a test). */
    public static CallerIds of(List<String> status) {
        long uid = 0, gid = 0;
        for (String line : status) {
            // Only the two lines needed are split, without a regex: every command starts here, and
            // the light ones run interpreted (-Xint), where splitting every line of the file shows
            // (docs/performance.md, "Figures behind the code").
            if (!line.startsWith("Uid:") && !line.startsWith("Gid:")) continue;
            String[] f = fields(line);
            if (f.length < 3) continue;
            if (f[0].equals("Uid:")) uid = Long.parseLong(f[2]);
            if (f[0].equals("Gid:")) gid = Long.parseLong(f[2]);
        }
        return new CallerIds(uid, gid);
    }

    public static CallerIds of(HostView host) {
        return of(host.readLines(java.nio.file.Path.of("/proc/self/status")));
    }

    public boolean root() {
        return uid == 0;
    }

    /**
     * Whether /proc/self/uid_map (its lines) is the initial user namespace's, which maps all 2^32 - 1
     * ids onto themselves; unreadable counts as initial. Elsewhere even root cannot mknod, and the
     * mounts it inherited have their flags locked.
     */
    public static boolean initialUserNamespace(List<String> uidMap) {
        return uidMap.isEmpty() || uidMap.size() == 1 && java.util.Arrays.equals(fields(uidMap.getFirst()),
                new String[] {"0", "0", "4294967295"});
    }

    /** The whitespace-separated fields of a line (what split("\\s+") gives after trim()). */
    static String[] fields(String line) {
        java.util.List<String> out = new java.util.ArrayList<>(4);
        int i = 0, n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) i++;
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) i++;
            if (i > start) out.add(line.substring(start, i));
        }
        return out.toArray(new String[0]);
    }

    public static boolean initialUserNamespace(HostView host) {
        return initialUserNamespace(host.readLines(java.nio.file.Path.of("/proc/self/uid_map")));
    }
}
