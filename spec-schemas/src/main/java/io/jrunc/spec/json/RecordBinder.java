package io.jrunc.spec.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads config.json and process.json into the spec records without Jackson's databind, whose
 * start-up (building the mapper, introspecting ~40 records) was most of {@code create}'s CPU
 * (docs/performance.md).
 *
 * <p>It is a fast path only, never a second opinion: it binds a document only when it is certain
 * that {@link SpecMapper} would bind it to the same value, and throws {@link NotHandled} at the
 * first doubt (a value of the wrong type, a null where Jackson fails, a number out of range, an
 * annotation it does not know, a constructor that throws). The caller then asks Jackson, so what
 * is accepted and every error message stay exactly Jackson's and {@link ErrorTranslator}'s.
 *
 * <p>Rules it binds by, which are SpecMapper's: unknown members are ignored; absent or null
 * members are null, or 0/false for a primitive component (null for a primitive is an error);
 * strings, booleans and integers only from their own JSON type; {@link Uint16}, {@link Uint32}
 * and {@link Uint64} in range (a uint64 above Long.MAX_VALUE as its two's complement); no null
 * inside arrays and maps; lists as ArrayList and maps as LinkedHashMap, in document order.
 */
public final class RecordBinder {
    /** The document is not one this binder is sure about; ask Jackson. No stack trace: it is control flow. */
    static final class NotHandled extends RuntimeException {
        static final NotHandled INSTANCE = new NotHandled();

        private NotHandled() {
            super("left to Jackson", null, false, false);
        }
    }

    /** What a component's JSON value becomes. */
    private sealed interface Target {}

    private record Text() implements Target {}

    private record Bool(boolean primitive) implements Target {}

    private record Int32(boolean primitive) implements Target {}

    private record Int64(boolean primitive) implements Target {}

    private record Unsigned(int bits, boolean primitive) implements Target {}

    private record ListOf(Target element) implements Target {}

    private record MapOf(Target value) implements Target {}

    private record RecordOf(Shape shape) implements Target {}

    /** A record type: its JSON member names and targets in constructor order, and the constructor. */
    private record Shape(String[] names, Target[] targets, Constructor<?> constructor) {}

    private static final ClassValue<Object> SHAPES = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                return shapeOf(type);
            } catch (NotHandled e) {
                return e;
            }
        }
    };

    private RecordBinder() {}

    /**
     * The document as {@code type}, or null when Jackson has to decide (including every document
     * that is an error: Jackson then says which).
     */
    public static <T> T tryRead(byte[] json, Class<T> type) {
        try {
            Object tree = StrictJsonReader.parse(json);
            if (!(tree instanceof Map<?, ?> m)) return null;
            return type.cast(bind(shape(type), m));
        } catch (NotHandled e) {
            return null;
        }
    }

    /** True when every record reachable from {@code type} has a shape this binder handles. */
    public static boolean handles(Class<?> type) {
        return SHAPES.get(type) instanceof Shape;
    }

    private static Shape shape(Class<?> type) {
        Object s = SHAPES.get(type);
        if (s instanceof Shape shape) return shape;
        throw NotHandled.INSTANCE;
    }

    private static Shape shapeOf(Class<?> type) {
        if (!type.isRecord()) throw NotHandled.INSTANCE;
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] raw = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) raw[i] = components[i].getType();
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor(raw);
        } catch (NoSuchMethodException e) {
            throw NotHandled.INSTANCE;
        }
        if (type.getDeclaredConstructors().length != 1 || constructor.getDeclaredAnnotations().length != 0) {
            throw NotHandled.INSTANCE;
        }
        for (Annotation a : type.getDeclaredAnnotations()) {
            // Serialization-only annotations; anything else might change how Jackson reads the type.
            if (!(a instanceof JsonPropertyOrder || a instanceof JsonInclude)) throw NotHandled.INSTANCE;
        }
        Annotation[][] annotations = constructor.getParameterAnnotations();
        String[] names = new String[components.length];
        Target[] targets = new Target[components.length];
        for (int i = 0; i < components.length; i++) {
            names[i] = components[i].getName();
            int unsigned = 0;
            int elementUnsigned = 0;
            for (Annotation a : annotations[i]) {
                switch (a) {
                    // Only the name is understood; any element that changes how Jackson reads the
                    // member leaves the record to Jackson.
                    case JsonProperty p when p.required() || p.access() != JsonProperty.Access.AUTO
                            || !p.defaultValue().isEmpty() -> throw NotHandled.INSTANCE;
                    case JsonProperty p -> {
                        if (!p.value().isEmpty()) names[i] = p.value();
                    }
                    case JsonInclude ignored -> { } // serialization only
                    case Uint16 ignored -> unsigned = 16;
                    case Uint32 ignored -> unsigned = 32;
                    case Uint64 ignored -> unsigned = 64;
                    case Uint32Elements ignored -> elementUnsigned = 32;
                    default -> throw NotHandled.INSTANCE;
                }
            }
            targets[i] = target(components[i].getGenericType(), unsigned, elementUnsigned);
        }
        return new Shape(names, targets, constructor);
    }

    private static Target target(Type type, int unsigned, int elementUnsigned) {
        if (unsigned != 0) {
            boolean prim = type == int.class || type == long.class;
            Class<?> expected = unsigned == 16 ? (prim ? int.class : Integer.class) : (prim ? long.class : Long.class);
            if (type != expected) throw NotHandled.INSTANCE;
            return new Unsigned(unsigned, prim);
        }
        if (type == String.class) return new Text();
        if (type == boolean.class || type == Boolean.class) return new Bool(type == boolean.class);
        if (type == int.class || type == Integer.class) return new Int32(type == int.class);
        if (type == long.class || type == Long.class) return new Int64(type == long.class);
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            Type element = p.getActualTypeArguments()[0];
            if (elementUnsigned != 0) {
                if (element != Long.class) throw NotHandled.INSTANCE;
                return new ListOf(new Unsigned(elementUnsigned, false));
            }
            return new ListOf(target(element, 0, 0));
        }
        if (elementUnsigned != 0) throw NotHandled.INSTANCE;
        if (type instanceof ParameterizedType p && p.getRawType() == Map.class
                && p.getActualTypeArguments()[0] == String.class) {
            return new MapOf(target(p.getActualTypeArguments()[1], 0, 0));
        }
        if (type instanceof Class<?> c && c.isRecord()) return new RecordOf(shape(c));
        throw NotHandled.INSTANCE;
    }

    private static Object bind(Shape shape, Map<?, ?> json) {
        Object[] args = new Object[shape.names.length];
        for (int i = 0; i < args.length; i++) {
            Object v = json.get(shape.names[i]);
            args[i] = v == null ? absent(shape.targets[i], json.containsKey(shape.names[i])) : value(shape.targets[i], v);
        }
        try {
            return shape.constructor.newInstance(args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw NotHandled.INSTANCE;
        }
    }

    /** An absent member, or an explicit null ({@code present}): a primitive's zero, or an error, or null. */
    private static Object absent(Target t, boolean present) {
        boolean primitive = switch (t) {
            case Bool b -> b.primitive;
            case Int32 n -> n.primitive;
            case Int64 n -> n.primitive;
            case Unsigned u -> u.primitive;
            default -> false;
        };
        if (!primitive) return null;
        if (present) throw NotHandled.INSTANCE;
        return switch (t) {
            case Bool b -> Boolean.FALSE;
            case Int32 n -> 0;
            case Unsigned u when u.bits == 16 -> 0;
            default -> 0L;
        };
    }

    private static Object value(Target t, Object v) {
        return switch (t) {
            case Text x when v instanceof String s -> s;
            case Bool b when v instanceof Boolean x -> x;
            case Int32 n when v instanceof Long l && l == (int) (long) l -> (int) (long) l;
            case Int64 n when v instanceof Long l -> l;
            case Unsigned u -> unsigned(u.bits, v);
            case ListOf l when v instanceof List<?> list -> list(l.element, list);
            case MapOf m when v instanceof Map<?, ?> map -> map(m.value, map);
            case RecordOf r when v instanceof Map<?, ?> map -> bind(r.shape, map);
            default -> throw NotHandled.INSTANCE;
        };
    }

    private static Object unsigned(int bits, Object v) {
        long value;
        if (v instanceof Long l && l >= 0 && (bits == 64 || l >>> bits == 0)) {
            value = l;
        } else if (bits == 64 && v instanceof BigInteger big && big.signum() >= 0 && big.bitLength() <= 64) {
            value = big.longValue();
        } else {
            throw NotHandled.INSTANCE;
        }
        return bits == 16 ? (Object) (int) value : (Object) value;
    }

    private static List<Object> list(Target element, List<?> json) {
        List<Object> out = new ArrayList<>(json.size());
        for (Object e : json) {
            if (e == null) throw NotHandled.INSTANCE;
            out.add(value(element, e));
        }
        return out;
    }

    private static Map<String, Object> map(Target valueTarget, Map<?, ?> json) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : json.entrySet()) {
            if (e.getValue() == null) throw NotHandled.INSTANCE;
            out.put((String) e.getKey(), value(valueTarget, e.getValue()));
        }
        return out;
    }
}
