package io.jrunc.spec.json;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A uint32 in the spec (uids, gids, id mappings), held in a {@code long}/{@code Long}: 0 to
 * 4294967295. A plain long would silently take -1 or 2^40 as a uid.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonDeserialize(using = UnsignedDeserializer.U32.class)
public @interface Uint32 {}
