package io.jrunc.core.hooks;

import io.jrunc.core.JruncException;
import io.jrunc.core.init.InitFailure;
import io.jrunc.core.plan.Op;
import io.jrunc.spec.Hook;
import io.jrunc.spec.Hooks;
import io.jrunc.spec.SpecException;
import io.jrunc.spec.SpecJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * One container's hooks at the points jrunc runs them itself. The hooks after create (poststart,
 * poststop) are kept in the state dir as {@value #FILE}, written by create, because `start` and
 * `delete` must not depend on the bundle still being there (containerd removes it after delete).
 * Hooks run with the bundle as their working directory (runc's `create` runs in the bundle).
 */
public final class ContainerHooks {
    public static final String FILE = "hooks.json";

    private final HookRunner runner;
    private final Hooks hooks;
    private final String id;
    private final Path bundle;
    private final Map<String, String> annotations;

    public ContainerHooks(HookRunner runner, Hooks hooks, String id, Path bundle, Map<String, String> annotations) {
        this.runner = runner;
        this.hooks = hooks;
        this.id = id;
        this.bundle = bundle;
        this.annotations = annotations;
    }

    /** prestart, then createRuntime, with the init's host pid: the first failure is thrown. */
    public void beforePivot(int initPid) throws JruncException {
        if (hooks == null) return;
        HookState state = new HookState(id, HookState.CREATING, initPid, bundle.toString(), annotations);
        runner.runFatal(HookPoint.PRESTART, HookPoint.PRESTART.of(hooks), state, bundle);
        runner.runFatal(HookPoint.CREATE_RUNTIME, HookPoint.CREATE_RUNTIME.of(hooks), state, bundle);
    }

    /** After the user's program started; failures are warnings. */
    public void poststart(int initPid) {
        if (hooks == null) return; // the common case: nothing to load or run
        HookState state = new HookState(id, HookState.RUNNING, initPid, bundle.toString(), annotations);
        runner.runWarning(HookPoint.POSTSTART, HookPoint.POSTSTART.of(hooks), state, bundle);
    }

    /** After the container is gone (delete, or a create that failed in a hook); failures are warnings. */
    public void poststop() {
        if (hooks == null) return;
        HookState state = new HookState(id, HookState.STOPPED, 0, bundle.toString(), annotations);
        runner.runWarning(HookPoint.POSTSTOP, HookPoint.POSTSTOP.of(hooks), state, bundle);
    }

    /** Keeps poststart and poststop in the state dir; nothing is written when there are none. */
    public void save(Path stateDir) throws JruncException {
        if (hooks == null) return;
        List<Hook> poststart = HookPoint.POSTSTART.of(hooks), poststop = HookPoint.POSTSTOP.of(hooks);
        if (poststart.isEmpty() && poststop.isEmpty()) return;
        String json = SpecJson.write(Hooks.afterCreate(poststart, poststop));
        try {
            Files.writeString(stateDir.resolve(FILE), json, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new JruncException("cannot save the hooks of " + id + ": " + e.getMessage(), e);
        }
    }

    /** The hooks create saved for a container; none when it has none. */
    public static ContainerHooks load(HookRunner runner, Path stateDir, String id, Path bundle, Map<String, String> annotations)
            throws JruncException {
        Hooks saved = null;
        try {
            byte[] json;
            try (var in = Files.newInputStream(stateDir.resolve(FILE), LinkOption.NOFOLLOW_LINKS)) {
                json = in.readAllBytes();
            }
            saved = SpecJson.parse(json, Hooks.class, FILE);
        } catch (NoSuchFileException none) {
            // a container without poststart and poststop hooks
        } catch (IOException | SpecException e) {
            throw new JruncException("cannot read the hooks of " + id + ": " + e.getMessage(), e);
        }
        return new ContainerHooks(runner, saved, id, bundle, annotations);
    }

    /** Whether {@code e} is the failure of a prestart, createRuntime or createContainer hook. */
    public static boolean isHookFailure(JruncException e) {
        return e instanceof HookFailure
                || e instanceof InitFailure f && f.op() instanceof Op.RunHook;
    }
}
