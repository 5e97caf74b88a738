/*
 * The same libseccomp calls jrunc's SeccompBpf makes through FFM, made from C: the reference
 * SeccompBpfParityTest compares jrunc's program with, and the harness that timed libseccomp's own
 * share of compiling a profile (docs/performance.md).
 *
 * No libseccomp -dev headers are needed: the few prototypes are declared here (libseccomp 2.5's
 * ABI), and it links with -l:libseccomp.so.2.
 *
 * Input (stdin), one item a line, in the order SeccompBpf makes the calls:
 *   default ACTION              seccomp_init(ACTION)
 *   arch NAME                   seccomp_arch_add(seccomp_arch_resolve_name(NAME)); EEXIST is fine
 *   optimize LEVEL              seccomp_attr_set(SCMP_FLTATR_CTL_OPTIMIZE, LEVEL); failure is fine
 *   rule ACTION NAME N [ARG OP DATUM_A DATUM_B]*N
 *                               seccomp_rule_add_array, a name libseccomp does not know skipped
 *   name NAME                   a name bounding the -ENOSYS stub
 * Output: the exported BPF program to the file argv[1]; on stdout one line per architecture of the
 * filter (the native one first), "ARCH_TOKEN MAX_NR" where MAX_NR is the largest number any
 * "name" resolves to on it (-1 for none). With "-t RUNS" before the file, it builds the filter RUNS
 * times and prints per-phase timings to stderr instead.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>

typedef void *scmp_filter_ctx;
struct scmp_arg_cmp { unsigned int arg; int op; uint64_t datum_a, datum_b; };
scmp_filter_ctx seccomp_init(uint32_t def_action);
void seccomp_release(scmp_filter_ctx ctx);
int seccomp_arch_add(scmp_filter_ctx ctx, uint32_t arch_token);
uint32_t seccomp_arch_native(void);
uint32_t seccomp_arch_resolve_name(const char *arch_name);
int seccomp_syscall_resolve_name(const char *name);
int seccomp_syscall_resolve_name_arch(uint32_t arch_token, const char *name);
int seccomp_rule_add_array(scmp_filter_ctx ctx, uint32_t action, int syscall, unsigned int arg_cnt,
                           const struct scmp_arg_cmp *arg_array);
int seccomp_attr_set(scmp_filter_ctx ctx, int attr, uint32_t value);
int seccomp_export_bpf(const scmp_filter_ctx ctx, int fd);

#define SCMP_FLTATR_CTL_OPTIMIZE 8
#define MAX_ITEMS 4096

struct rule { uint32_t action; char name[64]; unsigned int n; struct scmp_arg_cmp args[6]; };

static uint32_t default_action;
static char arch_names[32][32];
static int narchs, optimize = -1, nrules, nnames;
static struct rule rules[MAX_ITEMS];
static char names[MAX_ITEMS][64];

static void die(const char *what, int rc) {
    fprintf(stderr, "seccomp-export: %s: %s\n", what, strerror(rc < 0 ? -rc : rc));
    exit(1);
}

static void parse(void) {
    char line[1024];
    while (fgets(line, sizeof line, stdin)) {
        char word[16];
        int used;
        if (sscanf(line, "%15s%n", word, &used) != 1) continue;
        char *rest = line + used;
        if (!strcmp(word, "default")) {
            default_action = (uint32_t) strtoul(rest, NULL, 0);
        } else if (!strcmp(word, "arch")) {
            if (narchs == 32 || sscanf(rest, "%31s", arch_names[narchs]) != 1) die("bad arch line", EINVAL);
            narchs++;
        } else if (!strcmp(word, "optimize")) {
            optimize = atoi(rest);
        } else if (!strcmp(word, "rule")) {
            struct rule *r = &rules[nrules];
            int off;
            if (nrules == MAX_ITEMS || sscanf(rest, "%u %63s %u%n", &r->action, r->name, &r->n, &off) != 3 || r->n > 6)
                die("bad rule line", EINVAL);
            rest += off;
            for (unsigned int i = 0; i < r->n; i++) {
                unsigned long long a, b;
                if (sscanf(rest, "%u %d %llu %llu%n", &r->args[i].arg, &r->args[i].op, &a, &b, &off) != 4)
                    die("bad rule condition", EINVAL);
                r->args[i].datum_a = a;
                r->args[i].datum_b = b;
                rest += off;
            }
            nrules++;
        } else if (!strcmp(word, "name")) {
            if (nnames == MAX_ITEMS || sscanf(rest, "%63s", names[nnames]) != 1) die("bad name line", EINVAL);
            nnames++;
        } else {
            die(word, EINVAL);
        }
    }
}

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

/* Builds and exports the filter into fd; the phase times go into t[0] (init, archs, rules) and t[1] (export). */
static void build(int fd, uint32_t *archs, int *count, double *t) {
    double t0 = now_us();
    scmp_filter_ctx ctx = seccomp_init(default_action);
    if (!ctx) die("seccomp_init", EINVAL);
    *count = 0;
    archs[(*count)++] = seccomp_arch_native();
    for (int i = 0; i < narchs; i++) {
        uint32_t token = seccomp_arch_resolve_name(arch_names[i]);
        if (!token) die(arch_names[i], EINVAL);
        int rc = seccomp_arch_add(ctx, token);
        if (rc != 0 && rc != -EEXIST) die("seccomp_arch_add", rc);
        int seen = 0;
        for (int j = 0; j < *count; j++) seen |= archs[j] == token;
        if (!seen) archs[(*count)++] = token;
    }
    if (optimize >= 0) seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, (uint32_t) optimize);
    for (int i = 0; i < nrules; i++) {
        int nr = seccomp_syscall_resolve_name(rules[i].name);
        if (nr == -1) continue;
        int rc = seccomp_rule_add_array(ctx, rules[i].action, nr, rules[i].n, rules[i].args);
        if (rc != 0) die(rules[i].name, rc);
    }
    double t1 = now_us();
    int rc = seccomp_export_bpf(ctx, fd);
    if (rc != 0) die("seccomp_export_bpf", rc);
    seccomp_release(ctx);
    t[0] = t1 - t0;
    t[1] = now_us() - t1;
}

/* The largest number each architecture gives the "name" lines: what the -ENOSYS stub needs. */
static void maxima(const uint32_t *archs, int count, long *max) {
    for (int a = 0; a < count; a++) {
        max[a] = -1;
        for (int i = 0; i < nnames; i++) {
            int nr = seccomp_syscall_resolve_name_arch(archs[a], names[i]);
            if (nr >= 0 && nr > max[a]) max[a] = nr;
        }
    }
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    int runs = 0;
    if (argc == 4 && !strcmp(argv[1], "-t")) {
        runs = atoi(argv[2]);
        argv += 2;
        argc -= 2;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: seccomp-export [-t RUNS] BPF_OUT < rules\n");
        return 2;
    }
    parse();
    uint32_t archs[33];
    long max[33];
    int count;
    double t[2];
    if (runs > 0) {
        double *build_us = calloc(runs, sizeof *build_us), *export_us = calloc(runs, sizeof *export_us),
               *names_us = calloc(runs, sizeof *names_us);
        for (int r = 0; r < runs; r++) {
            int fd = memfd_create("seccomp-export", MFD_CLOEXEC);
            build(fd, archs, &count, t);
            close(fd);
            double t0 = now_us();
            maxima(archs, count, max);
            build_us[r] = t[0];
            export_us[r] = t[1];
            names_us[r] = now_us() - t0;
        }
        fprintf(stderr, "first run: rules %.0f us, export %.0f us, stub names %.0f us (%d rules, %d names x %d archs)\n",
                build_us[0], export_us[0], names_us[0], nrules, nnames, count);
        qsort(build_us, runs, sizeof *build_us, cmp);
        qsort(export_us, runs, sizeof *export_us, cmp);
        qsort(names_us, runs, sizeof *names_us, cmp);
        fprintf(stderr, "median of %d: rules %.0f us, export %.0f us, stub names %.0f us\n", runs,
                build_us[runs / 2], export_us[runs / 2], names_us[runs / 2]);
        return 0;
    }
    FILE *out = fopen(argv[1], "wb");
    if (!out) die(argv[1], errno);
    build(fileno(out), archs, &count, t);
    if (fclose(out) != 0) die(argv[1], errno);
    maxima(archs, count, max);
    for (int a = 0; a < count; a++) printf("%u %ld\n", archs[a], max[a]);
    return 0;
}
