package io.jrunc.spec;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jrunc.spec.json.Uint32;

/**
 * One of {@code linux.devices}: a device node to create in the container.
 *
 * @param type c, b, u (unbuffered character) or p (FIFO)
 * @param major required unless type is p
 * @param fileMode permission bits in decimal (438 = 0666); null for the runtime's default
 */
@JsonPropertyOrder({"path", "type", "major", "minor", "fileMode", "uid", "gid"})
public record Device(
        String type,
        String path,
        Long major,
        Long minor,
        Integer fileMode,
        @Uint32 Long uid,
        @Uint32 Long gid) {}
