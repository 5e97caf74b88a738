package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default devices and /dev symlinks the runtime spec requires, and linux.devices. */
class DevicesTest extends ItBase {

    @Test
    void defaultDevicesExist() {
        Map<String, String> want = Map.of(
                "/dev/null", "type=c mode=0666 uid=0 gid=0 major=1 minor=3",
                "/dev/zero", "type=c mode=0666 uid=0 gid=0 major=1 minor=5",
                "/dev/full", "type=c mode=0666 uid=0 gid=0 major=1 minor=7",
                "/dev/random", "type=c mode=0666 uid=0 gid=0 major=1 minor=8",
                "/dev/urandom", "type=c mode=0666 uid=0 gid=0 major=1 minor=9",
                "/dev/tty", "type=c mode=0666 uid=0 gid=0 major=5 minor=0");
        Probe p = probe(bundle(), "stat", "/dev/null", "stat", "/dev/zero", "stat", "/dev/full", "stat", "/dev/random",
                "stat", "/dev/urandom", "stat", "/dev/tty", "read", "/dev/zero", "write", "/dev/null", "write", "/dev/full");
        for (var e : want.entrySet()) assertEquals(e.getValue(), p.need("stat." + e.getKey()), e.getKey());
        assertEquals("ok", p.need("write./dev/null"), "the device works (the cgroup allows it)");
        assertEquals("err:ENOSPC", p.need("write./dev/full"), "/dev/full is the real device");
    }

    @Test
    void devSymlinksExist() {
        Map<String, String> want = Map.of(
                "/dev/fd", "/proc/self/fd",
                "/dev/stdin", "/proc/self/fd/0",
                "/dev/stdout", "/proc/self/fd/1",
                "/dev/stderr", "/proc/self/fd/2",
                "/dev/ptmx", "pts/ptmx");
        Probe p = probe(bundle(), "stat", "/dev/fd", "stat", "/dev/stdin", "stat", "/dev/stdout", "stat", "/dev/stderr",
                "stat", "/dev/ptmx", "stat", "/dev/pts/ptmx");
        for (var e : want.entrySet()) {
            String st = p.need("stat." + e.getKey());
            assertEquals("type=l", st.substring(0, 6), e.getKey() + ": " + st);
            assertEquals("link=" + e.getValue(), st.substring(st.indexOf("link=")), e.getKey() + ": " + st);
        }
        assertEquals("type=c mode=0666 uid=0 gid=0 major=5 minor=2", p.need("stat./dev/pts/ptmx"), "devpts with ptmxmode=0666");
    }

    @Test
    void linuxDevicesAreCreatedWithTypeNumbersModeAndOwner() {
        Bundle b = bundle();
        b.addDevice("/dev/it-null", "c", 1, 3, 0640, 1234, 2345);
        b.addDevice("/dev/sub/it-zero", "c", 1, 5, 0600, 0, 0);
        b.addDevice("/dev/it-loop", "b", 7, 200, 0660, 0, 6);
        b.addDevice("/dev/it-fifo", "p", 0, 0, 0620, 1000, 1000);
        Probe p = probe(b, "stat", "/dev/it-null", "stat", "/dev/sub/it-zero", "stat", "/dev/it-loop", "stat", "/dev/it-fifo");
        assertEquals("type=c mode=0640 uid=1234 gid=2345 major=1 minor=3", p.need("stat./dev/it-null"));
        assertEquals("type=c mode=0600 uid=0 gid=0 major=1 minor=5", p.need("stat./dev/sub/it-zero"));
        assertEquals("type=b mode=0660 uid=0 gid=6 major=7 minor=200", p.need("stat./dev/it-loop"));
        assertEquals("type=p mode=0620 uid=1000 gid=1000", p.need("stat./dev/it-fifo"));
    }
}
