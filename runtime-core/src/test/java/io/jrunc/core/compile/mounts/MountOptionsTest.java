package io.jrunc.core.compile.mounts;

import static io.jrunc.core.compile.mounts.MountFlags.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountOptionsTest {
    @Test
    void splitsFlagsPropagationAndData() {
        MountOptions o = MountOptions.parse(List.of("nosuid", "strictatime", "mode=755", "size=65536k", "rslave"));
        assertEquals(MS_NOSUID | MS_STRICTATIME, o.flags());
        assertEquals(List.of(MS_SLAVE | MS_REC), o.propagation());
        assertEquals("mode=755,size=65536k", o.data());
        assertFalse(o.isBind());
    }

    @Test
    void laterOptionsWin() {
        assertEquals(0, MountOptions.parse(List.of("ro", "rw")).flags() & MS_RDONLY);
        assertEquals(MS_RDONLY, MountOptions.parse(List.of("rw", "ro")).flags() & MS_RDONLY);
        assertEquals(0, MountOptions.parse(List.of("nosuid", "suid")).flags());
    }

    @Test
    void rbindIsRecursiveBind() {
        MountOptions o = MountOptions.parse(List.of("rbind", "ro"));
        assertTrue(o.isBind());
        assertEquals(MS_BIND | MS_REC | MS_RDONLY, o.flags());
    }

    @Test
    void nullOptionsAreEmpty() {
        MountOptions o = MountOptions.parse(null);
        assertEquals(0, o.flags());
        assertEquals("", o.data());
    }

    @Test
    void rootPropagationNames() {
        assertEquals(MS_PRIVATE | MS_REC, MountOptions.propagation("rprivate"));
        assertEquals(MS_SHARED, MountOptions.propagation("shared"));
        assertNull(MountOptions.propagation("sideways"));
    }
}
