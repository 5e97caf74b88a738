package io.jrunc.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker/go-units' RAMInBytes, which runc's `update --memory` flags use: a number (fractions
 * allowed), an optional space, an optional binary unit k, m, g, t or p (either case) and an
 * optional "i" and "b": "128m", "1.5G", "512KiB", "100" (bytes).
 */
final class RamSize {
    private static final Pattern SIZE = Pattern.compile("^(\\d+(\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");
    private static final Map<String, Long> UNITS = Map.of("k", 1L << 10, "m", 1L << 20, "g", 1L << 30, "t", 1L << 40, "p", 1L << 50);

    private RamSize() {}

    static long parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("invalid size: '" + text + "'");
        double size;
        try {
            size = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.ParseFloat: parsing \"" + m.group(1) + "\": invalid syntax");
        }
        if (m.group(3) != null) size *= UNITS.get(m.group(3).toLowerCase());
        return (long) size;
    }
}
