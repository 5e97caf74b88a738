package io.jrunc.spec;

import io.jrunc.spec.json.Uint64;

/**
 * An argument condition of a seccomp rule. {@code value} and {@code valueTwo} are uint64: values
 * above {@link Long#MAX_VALUE} (masks like 0xffffffffffffffff) are held as their two's complement,
 * which is exactly the 64 bits libseccomp wants.
 *
 * @param index the syscall argument, 0 to 5
 * @param valueTwo the second operand of SCMP_CMP_MASKED_EQ; null when absent (Go writes 0 then)
 */
public record SeccompArg(int index, @Uint64 long value, @Uint64 Long valueTwo, String op) {}
