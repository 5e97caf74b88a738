package io.jrunc.spec.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Deserializers for the primitive components ({@code int}, {@code long}, {@code boolean}) that
 * make Go's distinction: a member that is absent gets the zero value (Go leaves the field alone),
 * an explicit {@code null} is an error (it cannot mean anything for a number). Jackson can do
 * either for both, not one for each: with FAIL_ON_NULL_FOR_PRIMITIVES it also rejects absent
 * record components, so a seccomp argument without "index" would fail.
 *
 * <p>Only the JSON type itself is accepted: no strings, no fractions, no 0/1 for booleans.
 */
public final class StrictPrimitives {
    private StrictPrimitives() {}

    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("jrunc-strict-primitives");
        m.addDeserializer(int.class, new IntDeserializer());
        m.addDeserializer(long.class, new LongDeserializer());
        m.addDeserializer(boolean.class, new BooleanDeserializer());
        return m;
    }

    private abstract static class Base<T> extends StdScalarDeserializer<T> {
        private final Class<?> primitive;
        private final T zero;

        Base(Class<T> boxed, Class<?> primitive, T zero) {
            super(boxed);
            this.primitive = primitive;
            this.zero = zero;
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) throws InvalidNullException {
            throw InvalidNullException.from(ctxt, null, ctxt.constructType(primitive));
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return zero;
        }

        @SuppressWarnings("unchecked")
        T unexpected(JsonParser p, DeserializationContext ctxt) throws IOException {
            return (T) ctxt.handleUnexpectedToken(primitive, p);
        }
    }

    private static final class IntDeserializer extends Base<Integer> {
        IntDeserializer() {
            super(Integer.class, int.class, 0);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            // getIntValue throws InputCoercionException beyond 32 bits; ErrorTranslator reports it.
            return p.hasToken(JsonToken.VALUE_NUMBER_INT) ? p.getIntValue() : unexpected(p, ctxt);
        }
    }

    private static final class LongDeserializer extends Base<Long> {
        LongDeserializer() {
            super(Long.class, long.class, 0L);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return p.hasToken(JsonToken.VALUE_NUMBER_INT) ? p.getLongValue() : unexpected(p, ctxt);
        }
    }

    private static final class BooleanDeserializer extends Base<Boolean> {
        BooleanDeserializer() {
            super(Boolean.class, boolean.class, false);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_TRUE)) return true;
            if (p.hasToken(JsonToken.VALUE_FALSE)) return false;
            return unexpected(p, ctxt);
        }
    }
}
