package io.jrunc.core.init;

import io.jrunc.core.JruncException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the jrunc-init binary is: the {@code jrunc.init} system property (the launcher sets it to
 * the installed copy), else {@code JRUNC_INIT} from the environment.
 */
public final class InitHelper {
    private InitHelper() {}

    public static Path locate() throws JruncException {
        String configured = System.getProperty("jrunc.init");
        if (configured == null || configured.isEmpty()) configured = System.getenv("JRUNC_INIT");
        if (configured == null || configured.isEmpty()) {
            throw new JruncException("cannot find jrunc-init: set -Djrunc.init or JRUNC_INIT (the launcher does)");
        }
        Path path = Path.of(configured);
        if (!Files.isExecutable(path)) throw new JruncException("jrunc-init " + path + " is missing or not executable");
        return path;
    }
}
