package io.jrunc.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code process.execCPUAffinity}: CPU lists like "0-3,7" for an exec'd process, before and after
 * it joins the container's cgroup. The JSON member {@code final} is a Java keyword, so the
 * component is {@code finalCpus}; it is read and written as {@code "final"}.
 */
public record CpuAffinity(String initial, @JsonProperty("final") String finalCpus) {}
