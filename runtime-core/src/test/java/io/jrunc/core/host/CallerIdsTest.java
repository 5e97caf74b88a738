package io.jrunc.core.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallerIdsTest {

    @Test
    void fieldsAreWhatARegexSplitGives() {
        for (String line : List.of("Uid:\t0\t0\t0\t0", "  0  0 4294967295 ", "a", "", "   ", "x\t \ty", "Gid:\t50\t51\t51\t51\n")) {
            String trimmed = line.trim();
            String[] expected = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
            assertArrayEquals(expected, CallerIds.fields(line), "[" + line + "]");
        }
    }

    @Test
    void effectiveIdsComeFromTheSecondColumn() {
        CallerIds ids = CallerIds.of(List.of("Name:\tjava", "Umask:\t0022", "Uid:\t1000\t1001\t1002\t1003", "Gid:\t50\t51\t52\t53"));
        assertEquals(1001, ids.uid());
        assertEquals(51, ids.gid());
    }

    @Test
    void initialUserNamespaceIsTheFullIdentityMap() {
        assertTrue(CallerIds.initialUserNamespace(List.of("         0          0 4294967295")));
        assertTrue(CallerIds.initialUserNamespace(List.of()));
        assertFalse(CallerIds.initialUserNamespace(List.of("         0       1000          1")));
        assertFalse(CallerIds.initialUserNamespace(List.of("0 0 4294967295", "1 1 1")));
    }
}
