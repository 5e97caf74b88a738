package io.jrunc.spec.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Times as Go's {@code time.Time} marshals them (RFC 3339 with nanoseconds, trailing zeros of the
 * fraction dropped, UTC as "Z"): runc's {@code state} and {@code list} print
 * {@code "created": "2026-11-23T10:41:33.756751749Z"}, and {@link java.time.format.DateTimeFormatter#ISO_INSTANT}
 * would not drop the zeros the same way.
 */
public final class GoTime {
    /** Go's zero time, what runc prints for a time it never set. */
    public static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

    private GoTime() {}

    public static String format(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder s = new StringBuilder(30);
        pad(s, d.getYear(), 4).append('-');
        pad(s, d.getMonthValue(), 2).append('-');
        pad(s, d.getDayOfMonth(), 2).append('T');
        pad(s, d.getHour(), 2).append(':');
        pad(s, d.getMinute(), 2).append(':');
        pad(s, d.getSecond(), 2);
        int nanos = t.getNano();
        if (nanos != 0) {
            s.append('.');
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            pad(s, nanos, digits);
        }
        return s.append('Z').toString();
    }

    /** Any RFC 3339 time, with any offset. */
    public static Instant parse(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    private static StringBuilder pad(StringBuilder s, int value, int width) {
        String v = Integer.toString(value);
        for (int i = v.length(); i < width; i++) s.append('0');
        return s.append(v);
    }

    public static final class Serializer extends StdScalarSerializer<Instant> {
        public Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }

    public static final class Deserializer extends StdScalarDeserializer<Instant> {
        public Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            try {
                return parse(p.getText());
            } catch (DateTimeParseException e) {
                throw new DetailedMismatchException(p, Instant.class,
                        "expected an RFC 3339 time, got \"" + p.getText() + "\"");
            }
        }
    }
}
