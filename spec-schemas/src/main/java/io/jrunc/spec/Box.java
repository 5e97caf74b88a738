package io.jrunc.spec;

import io.jrunc.spec.json.Uint32;

/** {@code process.consoleSize}, in characters. */
public record Box(@Uint32 long height, @Uint32 long width) {}
