package io.jrunc.spec.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Reads an unsigned integer of a given width, as Go's encoding/json does for uint16/32/64 fields:
 * only JSON integers (no strings, no fractions), never negative, never wider than the field. A
 * uint64 above {@link Long#MAX_VALUE} becomes its two's complement.
 *
 * <p>Null follows the Java type: a boxed component takes null as absent, a primitive one rejects
 * it. An absent property of a primitive component is 0, like a Go zero value.
 */
public class UnsignedDeserializer extends StdDeserializer<Object> implements ContextualDeserializer {
    private final int bits;
    private final boolean primitive;
    private final String propertyName;

    UnsignedDeserializer(int bits, boolean primitive, String propertyName) {
        super(bits == 16 ? Integer.class : Long.class);
        this.bits = bits;
        this.primitive = primitive;
        this.propertyName = propertyName;
    }

    /** Target of {@link Uint16}. */
    public static final class U16 extends UnsignedDeserializer {
        public U16() {
            super(16, false, null);
        }
    }

    /** Target of {@link Uint32}. */
    public static final class U32 extends UnsignedDeserializer {
        public U32() {
            super(32, false, null);
        }
    }

    /** Target of {@link Uint64}. */
    public static final class U64 extends UnsignedDeserializer {
        public U64() {
            super(64, false, null);
        }
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
        // As contentUsing of a List<Long> the property is the list, which is never primitive.
        boolean prim = property != null && property.getType().isPrimitive();
        return new UnsignedDeserializer(bits, prim, property == null ? null : property.getName());
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_NUMBER_INT)) return ctxt.handleUnexpectedToken(handledType(), p);
        long value;
        switch (p.getNumberType()) {
            case INT, LONG -> {
                value = p.getLongValue();
                if (value < 0 || (bits < 64 && value >>> bits != 0)) throw outOfRange(p, p.getText());
            }
            default -> {
                BigInteger big = p.getBigIntegerValue();
                if (big.signum() < 0 || big.bitLength() > bits) throw outOfRange(p, p.getText());
                value = big.longValue();
            }
        }
        // Not a conditional expression: Integer and Long operands would both be promoted to Long.
        if (bits == 16) return Integer.valueOf((int) value);
        return Long.valueOf(value);
    }

    private DetailedMismatchException outOfRange(JsonParser p, String text) {
        String max = bits == 64 ? "18446744073709551615" : Long.toString((1L << bits) - 1);
        return new DetailedMismatchException(p, handledType(),
                "expected an unsigned " + bits + "-bit integer (0 to " + max + "), got " + text);
    }

    @Override
    public Object getNullValue(DeserializationContext ctxt) throws InvalidNullException {
        if (primitive) {
            throw InvalidNullException.from(ctxt, PropertyName.construct(propertyName), ctxt.constructType(
                    bits == 16 ? int.class : long.class));
        }
        return null;
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
        if (!primitive) return null;
        if (bits == 16) return 0;
        return 0L;
    }
}
