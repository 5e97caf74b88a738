package io.jrunc.spec;

import io.jrunc.spec.json.Uint32;

/** A uid or gid mapping of a user namespace or an idmapped mount: uint32s, held in longs. */
public record IdMapping(@Uint32 long containerID, @Uint32 long hostID, @Uint32 long size) {}
