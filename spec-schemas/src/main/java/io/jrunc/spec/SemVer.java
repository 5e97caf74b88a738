package io.jrunc.spec;

/**
 * SemVer 2.0.0 syntax (semver.org's grammar), for ociVersion: MAJOR.MINOR.PATCH, numbers without
 * leading zeros, then an optional {@code -pre.release} and {@code +build.metadata} of dot-separated
 * non-empty identifiers of [0-9A-Za-z-] (a numeric pre-release identifier without leading zeros).
 * By hand, not java.util.regex: this runs on every create.
 */
final class SemVer {
    private SemVer() {}

    static boolean valid(String v) {
        int end = v.length();
        int plus = v.indexOf('+');
        if (plus >= 0) {
            if (!identifiers(v, plus + 1, end, false)) return false;
            end = plus;
        }
        int dash = v.indexOf('-');
        if (dash >= 0 && dash < end) {
            if (!identifiers(v, dash + 1, end, true)) return false;
            end = dash;
        }
        int first = v.indexOf('.');
        if (first < 0 || first >= end) return false;
        int second = v.indexOf('.', first + 1);
        if (second < 0 || second >= end) return false;
        return number(v, 0, first) && number(v, first + 1, second) && number(v, second + 1, end);
    }

    private static boolean number(String v, int from, int to) {
        if (from >= to || (to - from > 1 && v.charAt(from) == '0')) return false;
        for (int i = from; i < to; i++) if (v.charAt(i) < '0' || v.charAt(i) > '9') return false;
        return true;
    }

    private static boolean identifiers(String v, int from, int to, boolean preRelease) {
        if (from >= to) return false;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || v.charAt(i) == '.') {
                if (i == start) return false;
                boolean numeric = true;
                for (int j = start; j < i; j++) {
                    char ch = v.charAt(j);
                    boolean digit = ch >= '0' && ch <= '9';
                    if (!digit && !(ch >= 'a' && ch <= 'z') && !(ch >= 'A' && ch <= 'Z') && ch != '-') return false;
                    numeric &= digit;
                }
                if (preRelease && numeric && i - start > 1 && v.charAt(start) == '0') return false;
                start = i + 1;
            }
        }
        return true;
    }
}
