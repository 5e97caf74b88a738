package io.jrunc.spec;

import java.util.List;

/** One rule of {@code linux.seccomp.syscalls}: these syscall names, with these args, get this action. */
public record SeccompSyscall(List<String> names, String action, Integer errnoRet, List<SeccompArg> args) {
    public SeccompSyscall {
        names = Immutable.list(names);
        args = Immutable.list(args);
    }
}
