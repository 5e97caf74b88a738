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
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Times as Go's {@code time.Time} marshals them (RFC 3339 with nanoseconds, trailing zeros of the
 * fraction dropped, UTC as "Z"): runc's {@code state} and {@code list} print
 * {@code "created": "2026-11-23T10:41:33.756751749Z"}, and {@link java.time.format.DateTimeFormatter#ISO_INSTANT}
 * would not drop the zeros the same way.
 */
public final class GoTime {
    /** Go's zero time, what runc prints for a time it never set: 0001-01-01T00:00:00Z. */
    public static final Instant ZERO = Instant.ofEpochSecond(-62135596800L);

    private GoTime() {}

    /** Go's layout for a UTC time: RFC 3339, the fraction's trailing zeros dropped. */
    public static String format(Instant t) {
        long seconds = t.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        long[] ymd = civilFromDays(days);
        StringBuilder s = new StringBuilder(30);
        pad(s, (int) ymd[0], 4).append('-');
        pad(s, (int) ymd[1], 2).append('-');
        pad(s, (int) ymd[2], 2).append('T');
        pad(s, secondOfDay / 3600, 2).append(':');
        pad(s, secondOfDay / 60 % 60, 2).append(':');
        pad(s, secondOfDay % 60, 2);
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

    /**
     * Any RFC 3339 time, with any offset. The UTC form jrunc writes itself is read by hand:
     * java.time's parser builds its formatters on first use, a large share of an interpreted
     * {@code state} above the JVM's own start (docs/performance.md, "Figures behind the code").
     */
    public static Instant parse(String text) {
        Instant utc = parseUtc(text);
        return utc != null ? utc : OffsetDateTime.parse(text).toInstant();
    }

    /** {@code YYYY-MM-DDTHH:MM:SS[.F]Z} with 1 to 9 fraction digits, or null for anything else. */
    static Instant parseUtc(String s) {
        int n = s.length();
        if (n < 20 || n == 21 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 7), day = digits(s, 8, 10);
        int hour = digits(s, 11, 13), minute = digits(s, 14, 16), second = digits(s, 17, 19);
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.') return null;
            nanos = digits(s, 20, n - 1);
            for (int i = n - 21; i < 9 && nanos >= 0; i++) nanos *= 10;
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || nanos < 0) {
            return null;
        }
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return null; // e.g. February 30th: OffsetDateTime gives the error
        }
        return Instant.ofEpochSecond(daysFromCivil(year, month, day) * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /*
     * Dates by arithmetic, not java.time: LocalDate and friends initialise ChronoField, Year and a
     * DateTimeFormatter on first use, costly in an interpreted JVM. These are the proleptic Gregorian
     * calendar's well-known conversions (eras of 400 years, years starting in March so that the
     * leap day is last), checked against java.time in GoTimeTest.
     */

    private static int daysInMonth(int year, int month) {
        if (month == 2) return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a date. */
    static long daysFromCivil(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** {year, month, day} of a day since 1970-01-01. */
    static long[] civilFromDays(long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        return new long[] {yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day};
    }

    /** The decimal number in s[from, to), or -1 if any character there is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
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
