package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.reflect.AccessFlag;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The planner runs many calls at once in one JVM, so no per-call state may live in statics: a
 * static that one call sets (its --debug, its log, its stdout) would leak into the calls beside it.
 * Per-call state travels in io.jrunc.core.lifecycle.Call and the call's CallLog. Checked across
 * runtime-cli and runtime-core's main classes: every static field is final, and none holds a mutable
 * collection, atomic or thread-local, except the few below, each shared by every call on purpose.
 */
class NoProcessGlobalsTest {
    /** Static state that is the process's, not a call's, and why. */
    private static final Map<String, String> ALLOWED = Map.of(
            "io.jrunc.core.state.ProcessLocks.LOCKS",
            "the in-process queue of each container's lock: it exists to be seen by every call",
            "io.jrunc.core.cgroup.CgroupDir.writer",
            "a test seam for cgroup knob writes: only tests replace it");

    /** Types of static final fields whose object is itself mutable state. */
    private static final Pattern MUTABLE_TYPE = Pattern.compile(
            "Ljava/util/concurrent/atomic/.*|Ljava/lang/(Inheritable)?ThreadLocal;|Ljava/lang/StringBuilder;");

    /** Classes whose instances, created in a static initialiser, are mutable state. */
    private static final Pattern MUTABLE_CLASS = Pattern.compile(
            "java/util/(HashMap|LinkedHashMap|TreeMap|WeakHashMap|IdentityHashMap|EnumMap|ArrayList|LinkedList"
            + "|HashSet|LinkedHashSet|TreeSet|ArrayDeque)|java/util/concurrent/(?!atomic/).*(Map|Queue|List|Set|Deque)"
            + "|java/util/concurrent/atomic/.*|java/lang/(Inheritable)?ThreadLocal|java/lang/StringBuilder");

    @Test
    void noPerCallStateInStatics() throws IOException {
        Set<String> found = new TreeSet<>();
        int classes = 0;
        for (ClassModel model : MainClasses.all()) {
            String name = model.thisClass().asInternalName().replace('/', '.');
            if (!name.startsWith("io.jrunc.cli.") && !name.startsWith("io.jrunc.core.")) continue;
            classes++;
            for (FieldModel f : model.fields()) {
                Set<AccessFlag> flags = f.flags().flags();
                if (!flags.contains(AccessFlag.STATIC) || flags.contains(AccessFlag.SYNTHETIC)) continue;
                String field = name + "." + f.fieldName().stringValue();
                if (!flags.contains(AccessFlag.FINAL)) {
                    found.add(field + " (not final)");
                } else if (MUTABLE_TYPE.matcher(f.fieldType().stringValue()).matches()) {
                    found.add(field + " (" + f.fieldType().stringValue() + ")");
                }
            }
            found.addAll(mutableObjectsInStaticInitialiser(model, name));
        }
        assertTrue(classes > 200, "read runtime-cli's and runtime-core's classes: only " + classes);
        Set<String> unexpected = new TreeSet<>();
        Set<String> seenAllowed = new TreeSet<>();
        for (String f : found) {
            String field = f.substring(0, f.indexOf(' '));
            if (ALLOWED.containsKey(field)) seenAllowed.add(field);
            else unexpected.add(f);
        }
        assertEquals(Set.of(), unexpected, "static state outside the allowed list (per-call state belongs in Call or CallLog)");
        assertEquals(new TreeSet<>(ALLOWED.keySet()), seenAllowed, "an allowed static is gone: drop it from ALLOWED");
    }

    /** Static fields a static initialiser sets to a new mutable collection, atomic or thread-local. */
    private static Set<String> mutableObjectsInStaticInitialiser(ClassModel model, String name) {
        Set<String> out = new TreeSet<>();
        for (MethodModel m : model.methods()) {
            if (!m.methodName().equalsString("<clinit>") || m.code().isEmpty()) continue;
            String lastNew = null;
            for (CodeElement e : m.code().get()) {
                if (e instanceof NewObjectInstruction n) {
                    lastNew = n.className().asInternalName();
                } else if (e instanceof FieldInstruction fi && fi.opcode() == Opcode.PUTSTATIC) {
                    if (lastNew != null && MUTABLE_CLASS.matcher(lastNew).matches()
                            && fi.owner().asInternalName().equals(model.thisClass().asInternalName())) {
                        out.add(name + "." + fi.name().stringValue() + " (a new " + lastNew.replace('/', '.') + ")");
                    }
                    lastNew = null;
                }
            }
        }
        return out;
    }
}
