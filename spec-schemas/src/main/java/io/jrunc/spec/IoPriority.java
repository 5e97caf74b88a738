package io.jrunc.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code process.ioPriority}. The JSON member {@code class} is a Java keyword, so the component is
 * {@code ioClass}; it is read and written as {@code "class"}.
 *
 * @param ioClass IOPRIO_CLASS_RT, IOPRIO_CLASS_BE or IOPRIO_CLASS_IDLE
 * @param priority 0 (highest) to 7
 */
public record IoPriority(@JsonProperty("class") String ioClass, int priority) {}
