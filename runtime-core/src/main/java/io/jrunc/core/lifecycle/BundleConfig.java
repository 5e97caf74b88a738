package io.jrunc.core.lifecycle;

import io.jrunc.core.ConfigException;
import io.jrunc.core.JruncException;
import io.jrunc.spec.Spec;
import io.jrunc.spec.SpecException;
import io.jrunc.spec.SpecJson;
import io.jrunc.spec.SpecValidator;
import io.jrunc.spec.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A bundle's config.json, parsed and validated, with its rootfs resolved and checked. */
public record BundleConfig(Path bundle, Spec spec, Path rootfs) {

    public static BundleConfig load(Path bundleDir) throws JruncException {
        Path bundle = bundleDir.toAbsolutePath().normalize();
        return load(bundle, bundle.resolve("config.json"));
    }

    /**
     * The config a container was created with: the copy {@link #saveCopy} kept in its state
     * directory, so that editing the bundle's config.json after `create` does not change what
     * `exec` gets (runc keeps its config in its state too). A container created without a copy
     * falls back to the bundle.
     */
    public static BundleConfig loadSaved(Path stateDir, Path bundle) throws JruncException {
        Path saved = stateDir.resolve(SAVED_CONFIG);
        return Files.isRegularFile(saved) ? load(bundle, saved) : load(bundle);
    }

    /** Keeps the bundle's config.json in the state directory, for {@link #loadSaved}. */
    public void saveCopy(Path stateDir) throws JruncException {
        try {
            // Owner-only: process.env may hold secrets, and the state directory is world-searchable.
            Path copy = Files.copy(bundle.resolve("config.json"), stateDir.resolve(SAVED_CONFIG));
            Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (java.io.IOException e) {
            throw new JruncException("save config.json in the state directory: " + e.getMessage(), e);
        }
    }

    private static final String SAVED_CONFIG = "config.json";

    private static BundleConfig load(Path bundle, Path config) throws JruncException {
        if (!Files.isRegularFile(config)) {
            throw new JruncException("config.json: cannot open " + config + ": no such file (is --bundle right?)");
        }
        Spec spec;
        try {
            spec = SpecJson.readConfig(config);
        } catch (SpecException e) {
            throw new JruncException(e.getMessage(), e);
        }
        List<Violation> problems = SpecValidator.validate(spec, true);
        if (!problems.isEmpty()) {
            Violation first = problems.getFirst();
            throw new ConfigException(first.path(), first.message());
        }
        return new BundleConfig(bundle, spec, RootfsPath.check(bundle, spec.root().path()));
    }
}
