package io.jrunc.core.cgroup;

/**
 * One device cgroup rule after parsing: type 'a' (all), 'c' or 'b'; major/minor -1 for any;
 * access a non-empty subset of "rwm", kept in that order. {@code origin} is the config path it came
 * from, for errors.
 */
public record CgroupDeviceRule(char type, long major, long minor, String access, boolean allow, String origin) {
    public static final long ANY = -1;

    /** The form devices.allow, devices.deny and devices.list use: "c 1:3 rwm", "c 136:* rwm". */
    public String cgroupString() {
        return type + " " + number(major) + ":" + number(minor) + " " + access;
    }

    private static String number(long n) {
        return n == ANY ? "*" : Long.toString(n);
    }

    /** The letters of {@code access}, validated and put in "rwm" order. */
    static String normalizeAccess(String access) {
        StringBuilder out = new StringBuilder(3);
        for (char c : "rwm".toCharArray()) if (access.indexOf(c) >= 0) out.append(c);
        for (char c : access.toCharArray()) {
            if ("rwm".indexOf(c) < 0) throw new IllegalArgumentException("invalid device access " + access + " (use r, w and m)");
        }
        return out.toString();
    }

    static String union(String a, String b) {
        return normalizeAccess(a + b);
    }

    static String minus(String a, String b) {
        StringBuilder out = new StringBuilder();
        for (char c : a.toCharArray()) if (b.indexOf(c) < 0) out.append(c);
        return out.toString();
    }

    static boolean overlaps(String a, String b) {
        for (char c : a.toCharArray()) if (b.indexOf(c) >= 0) return true;
        return false;
    }
}
