package io.jrunc.spec.json;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A uint64 in the spec (rlimits, seccomp argument values, cpu shares), held in a
 * {@code long}/{@code Long} as its two's complement: 18446744073709551615 (RLIM_INFINITY, a seccomp
 * mask of all ones) reads as -1 and is written back as 18446744073709551615. Compare such values
 * with {@link Long#compareUnsigned}.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonDeserialize(using = UnsignedDeserializer.U64.class)
@JsonSerialize(using = Uint64Serializer.class)
public @interface Uint64 {}
