package io.jrunc.spec;

import io.jrunc.spec.json.Uint32;

/** A net_prio priority for one host interface. */
public record InterfacePriority(String name, @Uint32 long priority) {}
