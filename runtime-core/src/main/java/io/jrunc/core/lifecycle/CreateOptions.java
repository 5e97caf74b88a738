package io.jrunc.core.lifecycle;

import java.nio.file.Path;

/** The flags of `create` (and the create half of `run`), as runc names them. */
public record CreateOptions(String id, Path bundle, Path pidFile, String consoleSocket, boolean noPivot,
                            boolean noNewKeyring, int preserveFds) {
}
