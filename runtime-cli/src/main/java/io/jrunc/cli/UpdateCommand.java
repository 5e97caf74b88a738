package io.jrunc.cli;

import io.jrunc.core.JruncException;
import io.jrunc.core.lifecycle.UpdateContainer;
import io.jrunc.spec.BlockIO;
import io.jrunc.spec.Cpu;
import io.jrunc.spec.Memory;
import io.jrunc.spec.Pids;
import io.jrunc.spec.Resources;
import io.jrunc.spec.SpecException;
import io.jrunc.spec.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * `update`: runc's flags, or a linux.resources document (--resources FILE, or - for stdin, which
 * is what containerd's shim sends); with a document every other flag is ignored, as in runc.
 */
@Command(name = "update", mixinStandardHelpOptions = true, description = "update container resource constraints")
final class UpdateCommand implements Callable<Integer> {
    @ParentCommand JruncCommand parent;

    @Parameters(index = "0", paramLabel = "<container-id>")
    String id;

    @Option(names = {"-r", "--resources"}, description = {"path to the file containing the resources to update or '-' to read from the standard input",
            "(a linux.resources object; unchanged values can be omitted). If given, all other options are ignored."})
    String resources;

    @Option(names = "--blkio-weight", defaultValue = "0", description = "Specifies per cgroup weight, range is from 10 to 1000 (default: 0)")
    int blkioWeight;

    @Option(names = "--cpu-period", description = "CPU CFS period to be used for hardcapping (in usecs). 0 to use system default")
    String cpuPeriod;

    @Option(names = "--cpu-quota", description = "CPU CFS hardcap limit (in usecs). Allowed cpu time in a given period")
    String cpuQuota;

    @Option(names = "--cpu-burst", description = "CPU CFS hardcap burst limit (in usecs). Allowed accumulated cpu time additionally for burst a given period")
    String cpuBurst;

    @Option(names = {"--cpu-share", "--cpu-shares"}, description = "CPU shares (relative weight vs. other containers)")
    String cpuShare;

    @Option(names = "--cpu-rt-period", description = "CPU realtime period to be used for hardcapping (in usecs). 0 to use system default")
    String cpuRtPeriod;

    @Option(names = "--cpu-rt-runtime", description = "CPU realtime hardcap limit (in usecs). Allowed cpu time in a given period")
    String cpuRtRuntime;

    @Option(names = "--cpu-idle", description = "set cgroup SCHED_IDLE or not, 0: default behavior, 1: SCHED_IDLE")
    String cpuIdle;

    @Option(names = "--cpuset-cpus", description = "CPU(s) to use")
    String cpusetCpus;

    @Option(names = "--cpuset-mems", description = "Memory node(s) to use")
    String cpusetMems;

    @Option(names = "--kernel-memory", hidden = true, description = "(obsoleted; do not use)")
    String kernelMemory;

    @Option(names = "--kernel-memory-tcp", hidden = true, description = "(obsoleted; do not use)")
    String kernelMemoryTcp;

    @Option(names = "--memory", description = "Memory limit (in bytes)")
    String memory;

    @Option(names = "--memory-reservation", description = "Memory reservation or soft_limit (in bytes)")
    String memoryReservation;

    @Option(names = "--memory-swap", description = "Total memory usage (memory + swap); set '-1' to enable unlimited swap")
    String memorySwap;

    @Option(names = "--pids-limit", defaultValue = "0", description = "Maximum number of pids allowed in the container (default: 0)")
    long pidsLimit;

    @Override
    public Integer call() throws JruncException {
        Resources r = resources != null ? document() : fromFlags();
        new UpdateContainer(parent.context()).update(id, r);
        return 0;
    }

    private Resources document() throws JruncException {
        try {
            byte[] json = resources.equals("-") ? parent.call.readStdin() : Files.readAllBytes(parent.call.resolve(resources));
            return SpecJson.parse(json, Resources.class, resources.equals("-") ? "resources (stdin)" : resources);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new JruncException("open " + resources + ": no such file or directory", e);
        } catch (IOException e) {
            throw new JruncException("open " + resources + ": " + e.getMessage(), e);
        } catch (SpecException e) {
            throw new JruncException(e.getMessage(), e);
        }
    }

    private Resources fromFlags() throws JruncException {
        Memory m = Memory.limits(size("memory", memory), size("memory-reservation", memoryReservation), size("memory-swap", memorySwap),
                size("kernel-memory", kernelMemory), size("kernel-memory-tcp", kernelMemoryTcp), null);
        Cpu c = new Cpu(unsigned("cpu-share", cpuShare), signed("cpu-quota", cpuQuota), unsigned("cpu-burst", cpuBurst),
                unsigned("cpu-period", cpuPeriod), signed("cpu-rt-runtime", cpuRtRuntime), unsigned("cpu-rt-period", cpuRtPeriod),
                empty(cpusetCpus), empty(cpusetMems), signed("cpu-idle", cpuIdle));
        BlockIO b = BlockIO.ofWeight(blkioWeight == 0 ? null : blkioWeight);
        return Resources.forUpdate(m, c, new Pids(pidsLimit), b, null);
    }

    /** "-1" or a go-units size ("128m"); null when the flag was not given. */
    private static Long size(String flag, String value) throws JruncException {
        if (value == null || value.isEmpty()) return null;
        if (value.equals("-1")) return -1L;
        try {
            return RamSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new JruncException("invalid value for " + flag + ": " + e.getMessage());
        }
    }

    private static Long unsigned(String flag, String value) throws JruncException {
        if (value == null || value.isEmpty()) return null;
        try {
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw new JruncException("invalid value for " + flag + ": strconv.ParseUint: parsing \"" + value + "\": "
                    + (value.matches("\\d+") ? "value out of range" : "invalid syntax"));
        }
    }

    private static Long signed(String flag, String value) throws JruncException {
        if (value == null || value.isEmpty()) return null;
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new JruncException("invalid value for " + flag + ": strconv.ParseInt: parsing \"" + value + "\": "
                    + (value.matches("-?\\d+") ? "value out of range" : "invalid syntax"));
        }
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
