package io.jrunc.spec.json;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A list of uint32 in the spec (additional gids), held in a {@code List<Long>}: each element as
 * {@link Uint32}. One annotation of the project's own rather than Jackson's {@code contentUsing},
 * so that {@link RecordBinder} can recognise it without reading a databind annotation.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonDeserialize(contentUsing = UnsignedDeserializer.U32.class)
public @interface Uint32Elements {}
