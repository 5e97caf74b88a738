package io.jrunc.sys.seccomp;

/**
 * One argument condition of a rule: libseccomp's {@code struct scmp_arg_cmp}
 * ({@code unsigned int arg; enum scmp_compare op; scmp_datum_t datum_a, datum_b;}).
 *
 * @param arg the syscall argument, 0 to 5
 * @param op one of the {@code Scmp.CMP_*} operators
 * @param datumA the value compared with (the mask for CMP_MASKED_EQ)
 * @param datumB the masked value for CMP_MASKED_EQ, else unused
 */
public record ArgCmp(int arg, int op, long datumA, long datumB) {
    static final long SIZE = 24, ARG = 0, OP = 4, DATUM_A = 8, DATUM_B = 16;
}
