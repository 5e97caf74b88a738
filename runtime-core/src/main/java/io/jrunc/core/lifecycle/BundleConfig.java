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
        Path config = bundle.resolve("config.json");
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
        Path rootfs = bundle.resolve(spec.root().path()).normalize();
        if (!Files.isDirectory(rootfs)) {
            throw new ConfigException("root.path", "rootfs " + rootfs + " does not exist or is not a directory");
        }
        return new BundleConfig(bundle, spec, rootfs);
    }
}
