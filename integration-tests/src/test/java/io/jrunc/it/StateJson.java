package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.jrunc.spec.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Set;

/** Checks of the OCI state JSON that {@code state} and {@code list --format json} print. */
public final class StateJson {
    private StateJson() {}

    public static final Set<String> STATUSES = Set.of("creating", "created", "running", "stopped", "paused");

    /**
     * Asserts the fields of one state object directly (what the OCI runtime-spec requires, plus runc's extras that
     * clients read: rootfs, created, owner), then validates it against the project's state schema.
     */
    public static void assertState(JsonNode s, String id, String status, Path bundle) {
        String ctx = "state " + s;
        assertTrue(s.isObject(), ctx);
        assertTrue(s.path("ociVersion").isTextual() && !s.path("ociVersion").asText().isEmpty(), "ociVersion: " + ctx);
        assertEquals(id, s.path("id").asText(), "id: " + ctx);
        assertEquals(status, s.path("status").asText(), "status: " + ctx);
        assertTrue(STATUSES.contains(s.path("status").asText()), "status value: " + ctx);
        assertTrue(s.path("pid").isIntegralNumber(), "pid is a number: " + ctx);
        if (status.equals("created") || status.equals("running")) assertTrue(s.path("pid").asLong() > 0, "pid > 0: " + ctx);
        if (status.equals("stopped")) assertEquals(0, s.path("pid").asLong(), "pid of stopped container: " + ctx);
        assertEquals(bundle.toString(), s.path("bundle").asText(), "bundle (absolute): " + ctx);
        assertTrue(s.path("rootfs").isTextual() && s.path("rootfs").asText().startsWith("/"), "rootfs absolute: " + ctx);
        assertTrue(s.path("created").isTextual(), "created: " + ctx);
        OffsetDateTime.parse(s.path("created").asText()); // RFC 3339
        assertTrue(s.has("owner"), "owner: " + ctx);
        if (s.has("annotations")) assertTrue(s.get("annotations").isObject(), "annotations is an object: " + ctx);
        validateAgainstStateSchema(s);
    }

    private static volatile JsonSchema stateSchema;

    /** spec-schemas' state schema ({@link Schemas#STATE}, draft-07), loaded once. */
    static JsonSchema stateSchema() {
        JsonSchema s = stateSchema;
        if (s == null) {
            try (InputStream in = Schemas.STATE.open()) {
                s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stateSchema = s;
        }
        return s;
    }

    /** Validates one state object against the project's state schema (io.jrunc.spec.Schemas.STATE). */
    public static void validateAgainstStateSchema(JsonNode state) {
        Set<ValidationMessage> errors = stateSchema().validate(state);
        if (!errors.isEmpty()) throw new AssertionError("state does not match the state schema: " + errors + "\n" + state);
    }

    private static volatile JsonSchema configSchema;

    /** Validates a config.json (what `spec` writes) against the project's config schema (Schemas.CONFIG). */
    public static void validateAgainstConfigSchema(JsonNode config) {
        JsonSchema s = configSchema;
        if (s == null) {
            try (InputStream in = Schemas.CONFIG.open()) {
                s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            configSchema = s;
        }
        Set<ValidationMessage> errors = s.validate(config);
        if (!errors.isEmpty()) throw new AssertionError("config does not match the config schema: " + errors + "\n" + config);
    }
}
