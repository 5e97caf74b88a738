package io.jrunc.spec.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The project's only Jackson configuration. Built on first use (a class holder, so a command
 * that never touches JSON never pays for it) and shared: an ObjectMapper is thread-safe once built.
 *
 * <p>Reading is as strict about types as Go's encoding/json, which is what runc and the
 * documents' producers use, and as lenient about everything else:
 * <ul>
 * <li>unknown members are ignored at every level (the spec requires it);</li>
 * <li>no scalar coercion: {@code "0"} is not an int, {@code 1.5} is not an int, {@code 1} is not a
 * boolean or a string, {@code ""} is not an empty object or list;</li>
 * <li>{@code null} is "absent" for boxed and object members, an error for primitives and inside
 * arrays and maps (Go would silently turn it into "" or 0, which nobody means);</li>
 * <li>nothing may follow the top-level value.</li>
 * </ul>
 * Writing omits null members, sorts map keys and escapes strings as Go does.
 */
public final class SpecMapper {
    private SpecMapper() {}

    private static final class Holder {
        static final ObjectMapper MAPPER = build();
    }

    public static ObjectMapper get() {
        return Holder.MAPPER;
    }

    private static ObjectMapper build() {
        // Jackson's own string limit is jrunc's (InputLimits: the decision and why), so no path reads
        // a longer value than the state reader can read back.
        JsonFactory factory = new JsonFactoryBuilder().characterEscapes(new GoCharacterEscapes())
                .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                        .maxStringLength(InputLimits.MAX_STRING_LENGTH).build())
                .build();
        return JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(StrictPrimitives.module())
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .withCoercionConfigDefaults(c -> c.setAcceptBlankAsEmpty(false)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL))
                .build();
    }
}
