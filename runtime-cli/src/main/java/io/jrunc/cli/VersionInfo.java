package io.jrunc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** `jrunc --version`, in runc's layout: version, the commit it was built from, spec, runtime. */
final class VersionInfo implements IVersionProvider {
    static final String VERSION = "0.1.0";
    static final String SPEC = io.jrunc.core.RuntimeSpec.MAX;

    @Override
    public String[] getVersion() {
        return new String[] {"jrunc version " + VERSION, "commit: " + commit(), "spec: " + SPEC, "java: " + Runtime.version()};
    }

    /**
     * The commit, written into build.properties by the build (Maven filters ${jrunc.commit}, which
     * `make` sets from build-support/git-commit.sh: the sha, "-dirty" for changed tracked files,
     * "unknown" outside a git clone or for a plain `mvn` build).
     */
    static String commit() {
        try (InputStream in = VersionInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            String c = p.getProperty("commit", "").strip();
            return c.isEmpty() || c.startsWith("${") ? "unknown" : c;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
