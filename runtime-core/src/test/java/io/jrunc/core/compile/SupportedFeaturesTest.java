package io.jrunc.core.compile;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.RuntimeSpec;
import io.jrunc.core.compile.mounts.MountOptions;
import io.jrunc.core.compile.namespaces.CloneFlags;
import io.jrunc.core.compile.process.CapabilityCompiler;
import io.jrunc.core.compile.seccomp.SeccompNames;
import io.jrunc.spec.Features;
import io.jrunc.spec.LinuxNames;
import io.jrunc.sys.FakeSyscalls;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.seccomp.Libseccomp;
import io.jrunc.sys.seccomp.SeccompUnavailableException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `features` says what the compilers accept, no more and no less. */
class SupportedFeaturesTest {
    private final Features f = SupportedFeatures.of(Syscalls.linux(), FakeHost.permissive(), Map.of("io.jrunc.version", "9"));

    @Test
    void versionsAndHookPoints() {
        assertEquals(RuntimeSpec.MIN, f.ociVersionMin());
        assertEquals(RuntimeSpec.MAX, f.ociVersionMax());
        assertEquals(List.of("prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"), f.hooks());
    }

    @Test
    void everyListedMountOptionIsAFlagOrAPropagationNeverFilesystemData() {
        assertFalse(f.mountOptions().isEmpty());
        for (String o : f.mountOptions()) {
            MountOptions parsed = MountOptions.parse(List.of(o));
            assertEquals("", parsed.data(), o + " is understood, not passed to the filesystem");
        }
        assertEquals("acl", MountOptions.parse(List.of("acl")).data(), "an option jrunc does not know goes to the filesystem");
        assertFalse(f.mountOptions().contains("acl"));
    }

    @Test
    void everyListedNamespaceHasACloneFlag() {
        for (String ns : f.linux().namespaces()) assertNotEquals(0, CloneFlags.of(ns), ns);
        assertEquals(8, f.linux().namespaces().size());
    }

    @Test
    void capabilitiesAreTheTableTheCompilerMapsToBits() throws Exception {
        assertEquals(LinuxNames.CAPABILITIES, f.linux().capabilities());
        assertEquals((1L << LinuxNames.CAPABILITIES.size()) - 1, CapabilityCompiler.grantableMask(f.linux().capabilities(), "x", -1));
    }

    @Test
    void seccompNamesAreTheCompilersAndFlagsAreKnownOnes() {
        var s = f.linux().seccomp();
        assertTrue(s.enabled(), "libseccomp.so.2 is installed here");
        assertEquals(SeccompNames.ACTIONS.keySet().stream().sorted().toList(), s.actions());
        assertEquals(SeccompNames.OPERATORS.keySet().stream().sorted().toList(), s.operators());
        assertTrue(s.archs().contains("SCMP_ARCH_X86_64") || s.archs().contains("SCMP_ARCH_AARCH64"), s.archs().toString());
        assertTrue(SeccompNames.ARCHITECTURES.containsAll(s.archs()));
        assertTrue(s.knownFlags().containsAll(s.supportedFlags()), s.toString());
        assertTrue(s.supportedFlags().contains("SECCOMP_FILTER_FLAG_LOG"), "a 4.14+ kernel takes SECCOMP_FILTER_FLAG_LOG");
    }

    @Test
    void annotationsCarryLibseccompsVersionAndOurs() {
        assertTrue(f.annotations().get(SupportedFeatures.LIBSECCOMP_VERSION).matches("\\d+\\.\\d+\\.\\d+"), f.annotations().toString());
        assertEquals("9", f.annotations().get("io.jrunc.version"));
        assertEquals(List.of(), f.potentiallyUnsafeConfigAnnotations(), "jrunc acts on no annotation");
    }

    @Test
    void seccompFlagsAreWhatTheKernelAnswersThroughTheSyscallSeam() {
        FakeSyscalls sys = new FakeSyscalls();
        Object[] refused = new Object[SeccompNames.FLAGS.size()];
        Arrays.fill(refused, false);
        sys.script("seccompFilterFlagsSupported", refused);
        var s = SupportedFeatures.of(sys, FakeHost.permissive(), Map.of(), Libseccomp::load).linux().seccomp();
        assertEquals(List.of(), s.supportedFlags());
        assertEquals(SeccompNames.FLAGS.size(), sys.calls("seccompFilterFlagsSupported").size());
    }

    @Test
    void withoutLibseccompSeccompIsOffAndTheKernelIsNotAsked() {
        FakeSyscalls sys = new FakeSyscalls();
        Features off = SupportedFeatures.of(sys, FakeHost.permissive(), Map.of(), () -> {
            throw new SeccompUnavailableException(Libseccomp.LIBRARY, new IllegalArgumentException("cannot open shared object file"));
        });
        assertFalse(off.linux().seccomp().enabled());
        assertFalse(off.annotations().containsKey(SupportedFeatures.LIBSECCOMP_VERSION));
        assertEquals(List.of(), sys.calls("seccompFilterFlagsSupported"));
    }
}
