package io.jrunc.spec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoTimeTest {

    @Test
    void theUtcFormReadByHandIsWhatJavaTimeReads() {
        for (String s : List.of("2026-11-23T15:57:27Z", "2026-11-23T15:57:27.1Z", "2026-11-23T15:57:27.120Z",
                "2026-11-23T15:57:27.074053899Z", "0001-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z",
                "1969-12-31T23:59:59.5Z", "9999-12-31T23:59:59Z")) {
            assertEquals(Instant.parse(s), GoTime.parseUtc(s), s);
            assertEquals(Instant.parse(s), GoTime.parse(s), s);
        }
    }

    @Test
    void anythingElseIsLeftToJavaTime() {
        for (String s : List.of("2026-11-23T10:41:33+02:00", "2026-11-23T10:41:33.5-01:30", "2026-11-23t10:41:33z",
                "2026-11-23T15:57:27.Z", "2026-11-23T15:57:27.0740538991Z", "2026-11-23 15:57:27Z",
                "2026-1a-23T15:57:27Z")) {
            assertNull(GoTime.parseUtc(s), s);
        }
        assertEquals(OffsetDateTime.parse("2026-11-23T10:41:33.5-01:30").toInstant(), GoTime.parse("2026-11-23T10:41:33.5-01:30"));
    }

    @Test
    void impossibleDatesFailAsJavaTimeFailsThem() {
        for (String s : List.of("2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T23:60:00Z")) {
            assertNull(GoTime.parseUtc(s), s);
            assertThrows(DateTimeParseException.class, () -> GoTime.parse(s), s);
        }
    }

    @Test
    void formatIsGosLayoutAndRoundTrips() {
        assertEquals("0001-01-01T00:00:00Z", GoTime.format(GoTime.ZERO));
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), GoTime.ZERO);
        assertEquals("2026-11-23T15:57:27.07405Z", GoTime.format(Instant.parse("2026-11-23T15:57:27.074050Z")));
        Instant now = Instant.now();
        assertEquals(now, GoTime.parse(GoTime.format(now)));
    }

    @Test
    void calendarArithmeticAgreesWithJavaTime() {
        for (long day = -719_162; day < 2_932_897; day += 13) { // 0001-01-01 .. 9999-12-31
            java.time.LocalDate d = java.time.LocalDate.ofEpochDay(day);
            long[] ymd = GoTime.civilFromDays(day);
            assertEquals(d.getYear(), ymd[0], d.toString());
            assertEquals(d.getMonthValue(), ymd[1], d.toString());
            assertEquals(d.getDayOfMonth(), ymd[2], d.toString());
            assertEquals(day, GoTime.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), d.toString());
        }
        for (long second = -62_135_596_800L; second < 253_402_300_800L; second += 86_399_999L) {
            Instant t = Instant.ofEpochSecond(second, 120_000);
            assertEquals(t.toString().replace(".000120Z", ".00012Z"), GoTime.format(t));
        }
    }
}
