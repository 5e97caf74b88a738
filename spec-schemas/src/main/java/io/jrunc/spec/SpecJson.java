package io.jrunc.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jrunc.spec.json.GoIndentPrinter;
import io.jrunc.spec.json.InputLimits;
import io.jrunc.spec.json.RecordBinder;
import io.jrunc.spec.json.SpecMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reading and writing the runtime's JSON documents: config.json, the {@code exec --process} file,
 * {@code update --resources}, state and features. The only place that knows Jackson is underneath;
 * its mapper is built on first use. config.json and process.json are read by {@link RecordBinder}
 * first, without the mapper; Jackson reads what it leaves (every error among them), so results and
 * messages are Jackson's either way.
 *
 * <p>Reading ignores unknown members (the spec requires it) and rejects values of the wrong type
 * instead of coercing them; every failure is a {@link SpecException} whose message names the
 * document and the JSON path, e.g. {@code config.json: process.user.uid: expected an integer, got
 * a string}. Semantic checks (is this namespace type known?) are {@link SpecValidator}'s job.
 *
 * <p>Writing matches Go's encoding/json, which runc uses: null members are left out, map keys are
 * sorted, {@code <>&} are escaped, uint64 values are written unsigned, and key order is the Go
 * structs' order.
 */
public final class SpecJson {
    private SpecJson() {}

    /** Reads a bundle's config.json; the file's own name is the source in error messages. */
    public static Spec readConfig(Path file) {
        return read(file, Spec.class);
    }

    /** Parses config.json content. */
    public static Spec parseConfig(byte[] json) {
        return parse(json, Spec.class, "config.json");
    }

    /** Parses the process document of {@code exec --process FILE}. */
    public static Process parseProcess(byte[] json) {
        return parse(json, Process.class, "process.json");
    }

    /** Reads a file as {@code type}; the file's name is the source in error messages. */
    public static <T> T read(Path file, Class<T> type) {
        Path name = file.getFileName();
        String source = name == null ? file.toString() : name.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > InputLimits.MAX_DOCUMENT_BYTES) {
                throw new SpecException(SpecException.Kind.INVALID, source, "", size + " bytes, over jrunc's limit of "
                        + (InputLimits.MAX_DOCUMENT_BYTES >> 20) + " MiB for a document (docs/reliability.md, \"Input limits\")",
                        -1, -1, null);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SpecException(SpecException.Kind.IO, source, "", "cannot read " + file + ": no such file",
                    -1, -1, e);
        } catch (IOException e) {
            throw new SpecException(SpecException.Kind.IO, source, "", "cannot read " + file + ": " + e.getMessage(),
                    -1, -1, e);
        }
        return parse(bytes, type, source);
    }

    /**
     * Parses any model type, e.g. {@code parse(bytes, Resources.class)} for {@code update
     * --resources}. The source in error messages is the type's usual file name (config.json,
     * process.json, state.json, features.json, or the type name in lower case + ".json").
     */
    public static <T> T parse(byte[] json, Class<T> type) {
        return parse(json, type, defaultSource(type));
    }

    /** Parses {@code json} as {@code type}; {@code source} names the document in error messages. */
    public static <T> T parse(byte[] json, Class<T> type, String source) {
        if (type == Spec.class || type == Process.class) {
            // The create/run/exec path: most documents never need Jackson's databind (RecordBinder).
            T fast = RecordBinder.tryRead(json, type);
            if (fast != null) return fast;
            // Only on this path (the document was not bound fast): a value beyond jrunc's limits
            // or invalid UTF-8 is named here, by field, before Jackson reads the whole of it.
            InputLimits.Finding beyond = InputLimits.find(json);
            if (beyond != null) {
                throw new SpecException(beyond.malformed() ? SpecException.Kind.MALFORMED : SpecException.Kind.INVALID,
                        source, beyond.path(), beyond.detail(), beyond.line(), beyond.column(), null);
            }
        }
        T value;
        try {
            value = SpecMapper.get().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw ErrorTranslator.translate(source, json, e);
        } catch (IOException e) {
            // Only a byte array is read: an IOException other than a JSON one cannot happen.
            throw new UncheckedIOException(e);
        }
        if (value == null) {
            throw new SpecException(SpecException.Kind.INVALID, source, "", "expected an object, got null", -1, -1,
                    null);
        }
        return value;
    }

    /** One line, no spaces: the form of {@code runc list --format json} and of state files. */
    public static String write(Object value) {
        try {
            return SpecMapper.get().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Tab-indented, as {@code runc spec} writes config.json. No trailing newline. */
    public static String writePretty(Object value) {
        return writeIndented(value, "\t");
    }

    /**
     * Indented as Go's {@code json.MarshalIndent(value, "", indent)}: runc's {@code state} uses two
     * spaces and {@code features} four. No trailing newline.
     */
    public static String writeIndented(Object value, String indent) {
        try {
            return SpecMapper.get().writer(new GoIndentPrinter(indent)).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String defaultSource(Class<?> type) {
        if (type == Spec.class) return "config.json";
        if (type == Process.class) return "process.json";
        if (type == State.class || type == RuncState.class) return "state.json";
        String name = type.getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1) + ".json";
    }
}
