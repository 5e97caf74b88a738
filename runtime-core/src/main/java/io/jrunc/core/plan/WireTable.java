package io.jrunc.core.plan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The op table, runtime-native/src/main/ops.txt (on the class path as {@value #RESOURCE}): the one
 * place an op's code, name and argument kinds are written. The helper's C enum and dispatch table
 * are generated from the same file when `make` builds it, so Java reads the codes here instead of
 * writing them again. Read once, on first use: about fifty short lines.
 */
final class WireTable {
    static final String RESOURCE = "/jrunc/ops.txt";

    /**
     * One op: {@code args} are the kinds in wire order (i INT, s STR, v STRV, b BYTES; "" for none),
     * {@code record} the simple name of the {@link Op} record that encodes it.
     */
    record Row(int code, String name, String args, String record) {}

    private static final Map<String, Row> BY_RECORD = new LinkedHashMap<>();
    private static final Map<String, Long> VALUES = new LinkedHashMap<>();

    static {
        try (InputStream in = WireTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " (runtime-native) is missing from the class path");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                String[] f = t.split("\\s+");
                if (f[0].equals("value") && f.length == 3) {
                    VALUES.put(f[1], Long.parseLong(f[2]));
                } else if (f.length == 4) {
                    Row row = new Row(Integer.parseInt(f[0]), f[1], f[2].equals("-") ? "" : f[2], f[3]);
                    BY_RECORD.put(row.record(), row);
                } else {
                    throw new IllegalStateException(RESOURCE + ":" + lineNo + ": not an op or value row: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Per record class, so the name is looked up once. */
    private static final ClassValue<Row> ROWS = new ClassValue<>() {
        @Override
        protected Row computeValue(Class<?> type) {
            String name = type.getName();
            Row row = BY_RECORD.get(name.substring(name.lastIndexOf('$') + 1));
            if (row == null) throw new IllegalStateException(name + " has no row in " + RESOURCE);
            return row;
        }
    };

    private WireTable() {}

    static Row of(Op op) {
        return ROWS.get(op.getClass());
    }

    /** A named value of an INT argument ({@code value NAME number} in the table). */
    static long value(String name) {
        Long v = VALUES.get(name);
        if (v == null) throw new IllegalStateException("no value " + name + " in " + RESOURCE);
        return v;
    }

    static Collection<Row> rows() {
        return Collections.unmodifiableCollection(BY_RECORD.values());
    }
}
