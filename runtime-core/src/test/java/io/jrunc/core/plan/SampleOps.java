package io.jrunc.core.plan;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One instance of every {@link Op} record, found by reflection over the sealed interface's permitted
 * subclasses (a new op cannot be left out), with a distinct value in every component so that a
 * swapped or dropped argument shows; and the line `jrunc-init --decode` should print for each.
 * The rule both rely on: an op's components after {@code origin} are its wire arguments, in order.
 */
final class SampleOps {
    private SampleOps() {}

    /** Every Op record, sorted by name so failures read the same on every run. */
    static List<Class<?>> records() {
        return Arrays.stream(Op.class.getPermittedSubclasses()).sorted(Comparator.comparing(Class::getSimpleName)).toList();
    }

    /** The wire arguments of a record: its components after origin. */
    static List<RecordComponent> arguments(Class<?> type) {
        RecordComponent[] all = type.getRecordComponents();
        if (all.length == 0 || all[0].getType() != Origin.class) {
            throw new AssertionError(type.getSimpleName() + ": an op's first component is its origin");
        }
        return List.of(all).subList(1, all.length);
    }

    /** The argument kind a component type is written as: i INT, s STR, v STRV, b BYTES. */
    static char kind(RecordComponent c) {
        Class<?> t = c.getType();
        if (t == String.class) return 's';
        if (t == int.class || t == long.class || t == boolean.class || t == Op.Create.class) return 'i';
        if (t == List.class) return elementType(c) == String.class ? 'v' : 'b';
        throw new AssertionError("no wire kind for " + c);
    }

    private static Type elementType(RecordComponent c) {
        return ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
    }

    static List<Op> everyOp() {
        List<Op> ops = new ArrayList<>();
        int k = 0;
        for (Class<?> type : records()) ops.add(sample(type, ++k));
        return ops;
    }

    private static Op sample(Class<?> type, int k) {
        List<RecordComponent> args = arguments(type);
        Object[] values = new Object[args.size() + 1];
        values[0] = Origin.of("sample[" + k + "]");
        for (int j = 0; j < args.size(); j++) values[j + 1] = value(args.get(j), k, j);
        try {
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            return (Op) ctor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot make a sample " + type.getSimpleName(), e);
        }
    }

    /** Distinct per op (k) and argument (j); negative, 64-bit, u32-wide and escaped values included. */
    private static Object value(RecordComponent c, int k, int j) {
        int n = k * 100 + j;
        Class<?> t = c.getType();
        if (t == String.class) return "s" + n + (j == 0 && k % 3 == 0 ? " \"q\\ \n\u00e9" : "");
        if (t == int.class) return k % 2 == 0 ? n : -n;
        if (t == long.class) return (k % 2 == 0 ? 1L : -1L) * ((1L << 40) + n);
        if (t == boolean.class) return k % 2 == 0;
        if (t == Op.Create.class) return Op.Create.values()[(k + j) % Op.Create.values().length];
        Type e = elementType(c);
        if (e == String.class) return List.of("v" + n, "", "w" + n);
        if (e == Long.class) return List.of((long) n, 4_000_000_000L);
        if (e == BpfInstruction.class) return List.of(new BpfInstruction(0x15, 1, 2, 0xdeadbeef), new BpfInstruction(0x06, 0, 0, n));
        throw new AssertionError("no sample for " + c);
    }

    /** What the helper prints for an op when it understood what Java meant (decode.c's format). */
    static String decoded(Op op) {
        StringBuilder line = new StringBuilder(op.op().name());
        for (RecordComponent c : arguments(op.getClass())) {
            Object v;
            try {
                v = c.getAccessor().invoke(op);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            line.append(' ').append(decoded(c, v));
        }
        return line.toString();
    }

    private static String decoded(RecordComponent c, Object v) {
        if (v instanceof String s) return quoted(s);
        if (v instanceof Boolean b) return b ? "1" : "0";
        if (v instanceof Op.Create create) return Integer.toString(switch (create) {
            case MUST_EXIST -> OpCode.MOUNT_CREATE_MUST_EXIST;
            case DIRECTORY -> OpCode.MOUNT_CREATE_DIRECTORY;
            case FILE -> OpCode.MOUNT_CREATE_FILE;
        });
        if (v instanceof Number n) return Long.toString(n.longValue());
        List<?> list = (List<?>) v;
        Type e = elementType(c);
        if (e == String.class) {
            List<String> quoted = list.stream().map(s -> quoted((String) s)).toList();
            return "[" + String.join(",", quoted) + "]";
        }
        StringBuilder hex = new StringBuilder("x");
        for (Object o : list) {
            if (o instanceof BpfInstruction i) {
                hex.append(le(i.code(), 2)).append(le(i.jt(), 1)).append(le(i.jf(), 1)).append(le(i.k(), 4));
            } else {
                hex.append(le((Long) o, 4));
            }
        }
        return hex.toString();
    }

    private static String le(long v, int bytes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < bytes; i++) s.append(String.format("%02x", (v >>> (8 * i)) & 0xff));
        return s.toString();
    }

    private static String quoted(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int u = b & 0xff;
            if (u == '"' || u == '\\') q.append('\\').append((char) u);
            else if (u < 0x20 || u >= 0x7f) q.append(String.format("\\x%02x", u));
            else q.append((char) u);
        }
        return q.append('"').toString();
    }
}
