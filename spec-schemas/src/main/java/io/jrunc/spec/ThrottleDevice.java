package io.jrunc.spec;

import io.jrunc.spec.json.Uint64;

/** A per-device blkio throttle: bytes or operations per second. */
public record ThrottleDevice(long major, long minor, @Uint64 long rate) {}
