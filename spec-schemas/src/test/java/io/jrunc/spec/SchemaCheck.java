package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** Validates documents against the shipped schemas with an independent (test-only) validator. */
final class SchemaCheck {
    private SchemaCheck() {}

    /** A plain mapper: big numbers stay BigIntegers, so uint64 bounds are checked for real. */
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final Map<Schemas, JsonSchema> LOADED = new EnumMap<>(Schemas.class);

    static synchronized JsonSchema schema(Schemas which) {
        return LOADED.computeIfAbsent(which, s -> {
            try (InputStream in = s.open()) {
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static Set<ValidationMessage> errors(Schemas which, String json) {
        try {
            JsonNode node = PLAIN.readTree(json);
            return schema(which).validate(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertValid(Schemas which, String json) {
        assertEquals(Set.of(), errors(which, json), () -> which + " rejected:\n" + json);
    }

    static void assertInvalid(Schemas which, String json) {
        assertFalse(errors(which, json).isEmpty(), () -> which + " accepted:\n" + json);
    }
}
