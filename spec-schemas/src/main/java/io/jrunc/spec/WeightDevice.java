package io.jrunc.spec;

import io.jrunc.spec.json.Uint16;

/** A per-device blkio weight; at least one of weight and leafWeight is set. */
public record WeightDevice(long major, long minor, @Uint16 Integer weight, @Uint16 Integer leafWeight) {}
