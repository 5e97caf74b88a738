package io.jrunc.spec;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The container process (config.md "process"), also the whole document of {@code exec --process}.
 * The JSON key order is the Go struct's (scheduler before selinuxLabel), which differs from the
 * component order only in that place.
 *
 * @param terminal whether to give the process a pseudo-terminal; null means false
 * @param oomScoreAdj null leaves the runtime's own value alone (the spec's "unset")
 */
@JsonPropertyOrder({"terminal", "consoleSize", "user", "args", "commandLine", "env", "cwd", "capabilities",
        "rlimits", "noNewPrivileges", "apparmorProfile", "oomScoreAdj", "scheduler", "selinuxLabel", "ioPriority",
        "execCPUAffinity"})
public record Process(
        Boolean terminal,
        Box consoleSize,
        User user,
        List<String> args,
        String commandLine,
        List<String> env,
        String cwd,
        Capabilities capabilities,
        List<Rlimit> rlimits,
        Boolean noNewPrivileges,
        String apparmorProfile,
        Integer oomScoreAdj,
        String selinuxLabel,
        IoPriority ioPriority,
        Scheduler scheduler,
        CpuAffinity execCPUAffinity) {
    public Process {
        args = Immutable.list(args);
        env = Immutable.list(env);
        rlimits = Immutable.list(rlimits);
    }

    // The model's defaults for absent members, as methods so that a document reads back and writes
    // out as it came (null stays absent). Not get/is names: Jackson would take them for members.

    /** {@code terminal}, false when absent. */
    public boolean terminalOrFalse() {
        return terminal != null && terminal;
    }

    /** {@code noNewPrivileges}, false when absent. */
    public boolean noNewPrivilegesOrFalse() {
        return noNewPrivileges != null && noNewPrivileges;
    }
}
