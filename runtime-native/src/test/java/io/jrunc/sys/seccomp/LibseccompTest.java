package io.jrunc.sys.seccomp;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.sys.ErrnoException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binding against the installed libseccomp.so.2 (x86_64 numbers where a number is checked). */
class LibseccompTest {
    static final int X86_64 = 0xC000003E, X86 = 0x40000003, X32 = 0x4000003E;

    @Test
    void loadsOnceAndResolvesNames() throws Exception {
        Libseccomp lib = Libseccomp.load();
        assertSame(lib, Libseccomp.load());
        assertEquals(X86_64, lib.nativeArch());
        assertEquals(X86_64, lib.resolveArch("x86_64"));
        assertEquals(X86, lib.resolveArch("x86"));
        assertEquals(X32, lib.resolveArch("x32"));
        assertEquals(0, lib.resolveArch("z80"));
        assertEquals(83, lib.resolveSyscall("mkdir"));
        assertEquals(Scmp.NR_UNKNOWN, lib.resolveSyscall("no_such_syscall"));
        assertEquals(39, lib.resolveSyscall(X86, "mkdir"));
        assertEquals(0x40000000 | 83, lib.resolveSyscall(X32, "mkdir"), "x32 numbers carry bit 30");
        assertTrue(lib.resolveSyscall("socketcall") < Scmp.NR_UNKNOWN, "a pseudo number for a syscall x86_64 lacks");
    }

    @Test
    void syscallNamesResolveAsOneByOne() throws Exception {
        Libseccomp lib = Libseccomp.load();
        List<String> names = List.of("mkdir", "no_such_syscall", "socketcall", "read", "", "clone3", "personality");
        try (SyscallNames batch = lib.syscallNames(names)) {
            for (int arch : new int[] {lib.nativeArch(), X86, X32}) {
                int[] numbers = batch.resolve(arch);
                assertEquals(names.size(), numbers.length);
                for (int i = 0; i < names.size(); i++) {
                    assertEquals(lib.resolveSyscall(arch, names.get(i)), numbers[i], names.get(i) + " on " + Integer.toHexString(arch));
                    if (arch == lib.nativeArch()) assertEquals(lib.resolveSyscall(names.get(i)), numbers[i], names.get(i));
                }
            }
            assertEquals(39, batch.resolve(X86)[0]);
            batch.close();
            assertThrows(IllegalStateException.class, () -> batch.resolve(X86));
        }
        try (SyscallNames none = lib.syscallNames(List.of())) {
            assertEquals(0, none.resolve(X86).length);
        }
    }

    @Test
    void aMissingLibraryIsAClearError() {
        SeccompUnavailableException e = assertThrows(SeccompUnavailableException.class,
                () -> Libseccomp.load("libseccomp-not-installed.so.2"));
        assertTrue(e.getMessage().startsWith("seccomp was requested but libseccomp-not-installed.so.2 could not be loaded: "),
                e.getMessage());
    }

    @Test
    void buildsAndExportsAFilter() throws Exception {
        Libseccomp lib = Libseccomp.load();
        byte[] bpf;
        try (SeccompFilter f = lib.newFilter(Scmp.ACT_ALLOW)) {
            f.addArch(lib.nativeArch()); // already there: not an error
            f.addArch(X86);
            f.addRule(Scmp.actErrno(42), lib.resolveSyscall("mkdir"), List.of());
            f.addRule(Scmp.actErrno(1), lib.resolveSyscall("personality"),
                    List.of(new ArgCmp(0, Scmp.CMP_MASKED_EQ, 0xff00, 0x1200), new ArgCmp(1, Scmp.CMP_GT, 1L << 40, 0)));
            f.setAttribute(Scmp.ATTR_CTL_OPTIMIZE, 2);
            bpf = f.exportBpf();
        }
        assertTrue(bpf.length > 0 && bpf.length % 8 == 0, "length " + bpf.length);
        ByteBuffer b = ByteBuffer.wrap(bpf).order(ByteOrder.nativeOrder());
        // libseccomp's filters start by loading seccomp_data.arch: BPF_LD|BPF_W|BPF_ABS, k = 4
        assertEquals(0x20, b.getShort(0));
        assertEquals(4, b.getInt(4));
        boolean returnsErrno42 = false;
        for (int i = 0; i < bpf.length; i += 8) returnsErrno42 |= b.getShort(i) == 0x06 && b.getInt(i + 4) == Scmp.actErrno(42);
        assertTrue(returnsErrno42);
    }

    @Test
    void libseccompErrorsNameTheFunction() throws Exception {
        try (SeccompFilter f = Libseccomp.load().newFilter(Scmp.ACT_ALLOW)) {
            // a rule with the default action is refused (EACCES)
            ErrnoException e = assertThrows(ErrnoException.class, () -> f.addRule(Scmp.ACT_ALLOW, 83, List.of()));
            assertEquals("seccomp_rule_add_array", e.call());
            assertEquals(13, e.errno());
            assertEquals("seccomp_rule_add_array: Permission denied", e.getMessage());
            ErrnoException arg = assertThrows(ErrnoException.class,
                    () -> f.addRule(Scmp.actErrno(1), 83, List.of(new ArgCmp(9, Scmp.CMP_EQ, 0, 0))));
            assertEquals(22, arg.errno());
        }
    }

    @Test
    void aReleasedFilterCannotBeUsed() throws Exception {
        SeccompFilter f = Libseccomp.load().newFilter(Scmp.ACT_ALLOW);
        f.close();
        f.close();
        assertThrows(IllegalStateException.class, f::exportBpf);
    }
}
