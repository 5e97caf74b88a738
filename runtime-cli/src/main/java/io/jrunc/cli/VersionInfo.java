package io.jrunc.cli;

import picocli.CommandLine.IVersionProvider;

/** `jrunc --version`, in runc's layout. */
final class VersionInfo implements IVersionProvider {
    static final String VERSION = "0.1.0";
    static final String SPEC = io.jrunc.core.RuntimeSpec.MAX;

    @Override
    public String[] getVersion() {
        return new String[] {"jrunc version " + VERSION, "spec: " + SPEC, "java: " + Runtime.version()};
    }
}
