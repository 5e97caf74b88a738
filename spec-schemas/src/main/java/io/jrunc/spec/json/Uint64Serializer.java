package io.jrunc.spec.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigInteger;

/** Writes a {@link Uint64} value unsigned, so what was read as -1 goes out as 18446744073709551615. */
public final class Uint64Serializer extends StdSerializer<Long> {
    public Uint64Serializer() {
        super(Long.class);
    }

    @Override
    public void serialize(Long value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        long v = value;
        if (v >= 0) gen.writeNumber(v);
        else gen.writeNumber(new BigInteger(Long.toUnsignedString(v)));
    }
}
