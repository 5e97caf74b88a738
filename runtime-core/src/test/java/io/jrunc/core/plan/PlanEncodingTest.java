package io.jrunc.core.plan;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bytes must be exactly what docs/plan-protocol.md says, since jrunc-init.c decodes them. */
class PlanEncodingTest {
    @Test
    void headerAndOneOpOfEachArgKind() {
        Plan plan = new Plan(List.of(
                new Op.SetHostname(Origin.of("hostname"), "box"),
                new Op.Execve(Origin.of("process.args"), List.of("a", "bc"), List.of()),
                new Op.SetGroups(Origin.of("process.user.additionalGids"), List.of(10L, 20L)),
                new Op.Umask(Origin.of("process.user.umask"), 022)));
        ByteBuffer b = ByteBuffer.wrap(plan.encode()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x4C50524A, b.getInt());
        assertEquals(1, b.getInt());
        assertEquals(4, b.getInt());

        assertEquals(13, b.getShort());
        assertEquals(1, b.getShort());
        assertEquals(2, b.get());
        assertEquals(4, b.getInt());
        assertEquals('b', b.get());
        b.position(b.position() + 3);

        assertEquals(26, b.getShort());
        assertEquals(2, b.getShort());
        assertEquals(3, b.get());
        assertEquals(2, b.getInt());
        assertEquals(2, b.getInt());
        b.position(b.position() + 2);
        assertEquals(3, b.getInt());
        b.position(b.position() + 3);
        assertEquals(3, b.get());
        assertEquals(0, b.getInt());

        assertEquals(17, b.getShort());
        assertEquals(1, b.getShort());
        assertEquals(4, b.get());
        assertEquals(8, b.getInt());
        assertEquals(10, b.getInt());
        assertEquals(20, b.getInt());

        assertEquals(20, b.getShort());
        assertEquals(1, b.getShort());
        assertEquals(1, b.get());
        assertEquals(022, b.getLong());
        assertFalse(b.hasRemaining());
    }

    @Test
    void originNamesFieldAndLabel() {
        assertEquals("mounts[3] (/proc)", Origin.of("mounts[3]", "/proc").toString());
        assertEquals("process.cwd", Origin.of("process.cwd").toString());
    }

    @Test
    void opCodesAreUnique() {
        List<Op> all = List.of(new Op.Unshare(null, 0), new Op.SetNs(null, "", 0), new Op.Sync(null, 0), new Op.Fork(null),
                new Op.SetSid(null), new Op.OpenRoot(null, ""), new Op.Mount(null, "", "", "", 0, "", Op.Create.MUST_EXIST),
                new Op.MkdirAll(null, "", 0), new Op.Mknod(null, "", 0, 0, 0, 0, 0), new Op.Symlink(null, "", ""),
                new Op.PivotRoot(null), new Op.MoveChroot(null), new Op.SetHostname(null, ""), new Op.SetDomainname(null, ""),
                new Op.WriteFile(null, "", ""), new Op.SetRlimit(null, 0, 0, 0), new Op.SetGroups(null, List.of()),
                new Op.SetResGid(null, 0), new Op.SetResUid(null, 0), new Op.Umask(null, 0), new Op.Chdir(null, ""),
                new Op.OpenFifoDir(null, ""), new Op.Ready(null), new Op.WaitFifo(null), new Op.ResolveExec(null, "", ""),
                new Op.Execve(null, List.of(), List.of()), new Op.Console(null, 0, 0), new Op.CloseFds(null, 3),
                new Op.MountHost(null, "", "", "", 0, ""), new Op.JoinKeyring(null, ""), new Op.CapsBounding(null, 0),
                new Op.KeepCaps(null, true), new Op.CapsSet(null, 0, 0, 0, 0), new Op.NoNewPrivs(null), new Op.MaskPath(null, ""),
                new Op.ReadonlyPath(null, ""));
        assertEquals(all.size(), all.stream().mapToInt(Op::code).distinct().count());
        assertEquals(36, all.stream().mapToInt(Op::code).max().orElseThrow());
    }
}
