package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cgroup commands next to runc 1.1 on the same host and the same config: the files written,
 * the shape of `events --stats`, `ps`, the error messages clients match on; and the two places
 * where jrunc does more on this hybrid host than runc can (a 1 MiB memory limit, hugetlb through
 * the cgroup2 side).
 */
class CgroupsSideBySideTest extends ItBase {
    private OciRuntime runc;

    @BeforeEach
    void needRuncOnAHybridHost() {
        assumeTrue(Env.runc().isPresent(), "runc not installed");
        assumeFalse(Env.binaryIsRunc(), "the runtime under test is runc itself");
        assumeTrue(CgroupFiles.hybrid(), "compares v1 files of a hybrid host");
        runc = otherRuntime(Env.runc().get(), "runc");
    }

    /** A container of each runtime from runc's spec edited the same way, created and started; returns their ids. */
    private String[] startBoth(String hint, Consumer<Bundle> edit) {
        String[] ids = new String[2];
        OciRuntime[] rts = {runc, rt};
        for (int i = 0; i < 2; i++) {
            Bundle b = bundle(rts[i], "b-" + hint + i);
            edit.accept(b);
            ids[i] = rts[i].track(newId(hint + (i == 0 ? "r" : "j")));
            OciRuntime.Result c = create(rts[i], b, ids[i]);
            // Only a comparison when runc itself can run the case on this host.
            if (i == 0) assumeTrue(c.exitCode() == 0, "runc cannot run this case on this host: " + lastError(runc));
            assertEquals(0, c.exitCode(), c::describe);
            OciRuntime.Result s = rts[i].run("start", ids[i]);
            assertEquals(0, s.exitCode(), s::describe);
        }
        return ids;
    }

    private static String lastError(OciRuntime r) {
        List<JsonNode> lines = r.logLines();
        for (int i = lines.size() - 1; i >= 0; i--) if ("error".equals(lines.get(i).path("level").asText())) return lines.get(i).path("msg").asText();
        return "";
    }

    @Test
    void theSameConfigWritesTheSameFiles() {
        HostFeatures.assumeSwapAccounting();
        String[] ids = startBoth("files", b -> {
            b.args("probe", "sleep", "30");
            ObjectNode r = b.linux().withObject("/resources");
            r.putObject("memory").put("limit", 64 << 20).put("swap", 128 << 20).put("reservation", 16 << 20).put("swappiness", 10);
            r.putObject("cpu").put("shares", 512).put("quota", 20000).put("period", 50000).put("cpus", "0").put("mems", "0");
            r.putObject("pids").put("limit", 30);
        });
        List<String[]> files = List.of(new String[] {"memory", "memory.limit_in_bytes"}, new String[] {"memory", "memory.memsw.limit_in_bytes"},
                new String[] {"memory", "memory.soft_limit_in_bytes"}, new String[] {"memory", "memory.swappiness"},
                new String[] {"cpu", "cpu.shares"}, new String[] {"cpu", "cpu.cfs_quota_us"}, new String[] {"cpu", "cpu.cfs_period_us"},
                new String[] {"cpuset", "cpuset.cpus"}, new String[] {"pids", "pids.max"},
                new String[] {"devices", "devices.list"});
        for (String[] f : files) {
            assertEquals(new CgroupFiles(ids[0]).read(f[0], f[1]), new CgroupFiles(ids[1]).read(f[0], f[1]), f[0] + "/" + f[1]);
        }
        // The same update, through the shim's --resources -.
        java.nio.file.Path doc = work.resolve("update.json");
        try {
            java.nio.file.Files.writeString(doc, "{\"memory\":{\"limit\":33554432,\"swap\":67108864},\"cpu\":{\"shares\":256},\"pids\":{\"limit\":12}}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        OciRuntime[] rts = {runc, rt};
        for (int i = 0; i < 2; i++) {
            OciRuntime.Result u = rts[i].run(OciRuntime.Opts.defaults().stdin(doc), "update", "-r", "-", ids[i]);
            assertEquals(0, u.exitCode(), u::describe);
        }
        for (String[] f : files) {
            assertEquals(new CgroupFiles(ids[0]).read(f[0], f[1]), new CgroupFiles(ids[1]).read(f[0], f[1]), "after update: " + f[0] + "/" + f[1]);
        }
    }

    @Test
    void theSameBlockIoWeightWritesTheSameFile() {
        // runc 1.1 writes blkio.bfq.weight and fails without it; the other case skips there too.
        HostFeatures.assumeBlkioWeight();
        String[] ids = startBoth("ioweight", b -> {
            b.args("probe", "sleep", "30");
            b.linux().withObject("/resources").putObject("blockIO").put("weight", 400);
        });
        String file = java.nio.file.Files.exists(CgroupFiles.MOUNT.resolve("blkio/blkio.bfq.weight")) ? "blkio.bfq.weight" : "blkio.weight";
        assertEquals(new CgroupFiles(ids[0]).read("blkio", file), new CgroupFiles(ids[1]).read("blkio", file), "blkio/" + file);
    }

    /** The members of a JSON tree as paths ("data.memory.usage.limit"); array elements are not descended into. */
    private static List<String> shape(JsonNode n, String prefix) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = prefix + e.getKey();
            out.add(p + ":" + e.getValue().getNodeType());
            if (e.getValue().isObject() && !p.equals("data.hugetlb")) out.addAll(shape(e.getValue(), p + "."));
        }
        return out;
    }

    @Test
    void eventsStatsHasRuncsShape() throws Exception {
        String[] ids = startBoth("events", b -> {
            b.args("probe", "sleep", "30");
            ObjectNode r = b.linux().withObject("/resources");
            r.putObject("memory").put("limit", 64 << 20);
            r.putObject("pids").put("limit", 30);
            r.putObject("cpu").put("quota", 50000).put("period", 100000);
        });
        sleep(300); // a CFS period or two, so that throttling counts periods in both
        JsonNode r = JSON.readTree(runc.run("events", "--stats", ids[0]).stdout());
        JsonNode j = JSON.readTree(rt.run("events", "--stats", ids[1]).stdout());
        List<String> rs = shape(r, ""), js = shape(j, "");
        // "cache" is left out when 0 and a sleeping probe may or may not have page cache charged
        rs.removeIf(s -> s.startsWith("data.memory.cache:"));
        js.removeIf(s -> s.startsWith("data.memory.cache:"));
        assertEquals(String.join("\n", rs), String.join("\n", js), "the same members in the same order, with the same types");
        assertEquals(r.path("data").path("memory").path("usage").path("limit"), j.path("data").path("memory").path("usage").path("limit"));
        assertEquals(r.path("data").path("pids"), j.path("data").path("pids"));
    }

    @Test
    void psPrintsWhatRuncPrints() throws Exception {
        String[] ids = startBoth("ps", b -> b.args("probe", "sleep", "30"));
        JsonNode r = JSON.readTree(runc.run("ps", "--format", "json", ids[0]).stdout());
        JsonNode j = JSON.readTree(rt.run("ps", "--format", "json", ids[1]).stdout());
        assertEquals(1, r.size());
        assertEquals(1, j.size());
        assertEquals(rt.state(ids[1]).path("pid").asLong(), j.get(0).asLong());
        String rTable = runc.run("ps", ids[0]).stdout(), jTable = rt.run("ps", ids[1]).stdout();
        assertEquals(rTable.split("\n")[0], jTable.split("\n")[0]);
        assertEquals(rTable.split("\n").length, jTable.split("\n").length);
        assertTrue(jTable.contains("probe sleep 30"), jTable);
    }

    @Test
    void errorMessagesClientsMatchOn() {
        String[] ids = startBoth("msgs", b -> b.args("probe", "sleep", "30"));
        OciRuntime[] rts = {runc, rt};
        String[][] asked = {{"resume"}, {"ps", "--format", "xml"}, {"events", "--interval", "0"}};
        for (String[] a : asked) {
            String[] msgs = new String[2];
            for (int i = 0; i < 2; i++) {
                List<String> args = new ArrayList<>(List.of(a));
                args.add(ids[i]);
                assertEquals(1, rts[i].run(args.toArray(String[]::new)).exitCode(), String.join(" ", args));
                msgs[i] = lastError(rts[i]);
            }
            assertEquals(msgs[0], msgs[1], String.join(" ", a));
        }
        for (int i = 0; i < 2; i++) assertEquals(0, rts[i].run("pause", ids[i]).exitCode());
        String[] again = new String[2];
        for (int i = 0; i < 2; i++) {
            assertEquals(1, rts[i].run("pause", ids[i]).exitCode());
            again[i] = lastError(rts[i]);
        }
        assertEquals(again[0], again[1], "pause of a paused container");
        for (int i = 0; i < 2; i++) {
            assertEquals("paused", rts[i].status(ids[i]));
            assertEquals(0, rts[i].run("delete", "--force", ids[i]).exitCode(), "delete --force of a paused container");
            assertEquals(1, rts[i].run("events", "--stats", ids[i]).exitCode());
        }
        assertEquals(lastError(runc), lastError(rt), "events of a deleted container");
    }

    @Test
    void aOneMebibyteLimitRunsWithJruncWhereRuncsOwnInitDoesNotFit() {
        HostFeatures.assumeSwapAccounting();
        Consumer<Bundle> tiny = b -> {
            b.args("true");
            b.linux().withObject("/resources").putObject("memory").put("limit", 1 << 20).put("swap", 1 << 20);
        };
        Bundle rb = bundle(runc, "tiny-r");
        tiny.accept(rb);
        OciRuntime.Result r = run(runc, rb, newId("tinyr"));
        assertEquals(1, r.exitCode(), "runc: " + r.describe());
        assertTrue(lastError(runc).contains("unable to set memory limit to 1048576"), lastError(runc));
        Bundle jb = bundle(rt, "tiny-j");
        tiny.accept(jb);
        OciRuntime.Result j = run(rt, jb, newId("tinyj"));
        assertEquals(0, j.exitCode(), j::describe);
    }

    @Test
    void hugetlbLimitsWhereRuncsV1DriverHasNoHugetlbHierarchy() throws Exception {
        HostFeatures.assumeHugetlbInCgroup2();
        assumeFalse(java.nio.file.Files.exists(CgroupFiles.MOUNT.resolve("hugetlb")), "hugetlb is a v1 hierarchy here");
        Consumer<Bundle> huge = b -> {
            b.args("true");
            b.linux().withObject("/resources").putArray("hugepageLimits").addObject().put("pageSize", "2MB").put("limit", 2 << 20);
        };
        Bundle rb = bundle(runc, "huge-r");
        huge.accept(rb);
        assertEquals(1, run(runc, rb, newId("huger")).exitCode());
        assertTrue(lastError(runc).endsWith("cannot set hugetlb limit: container could not join or create cgroup"), lastError(runc));
        Bundle jb = bundle(rt, "huge-j");
        huge.accept(jb);
        OciRuntime.Result j = run(rt, jb, newId("hugej"));
        assertEquals(0, j.exitCode(), j::describe);
    }
}
