/*
 * jrunc-init: executes a plan of primitive operations compiled by jrunc (Java) from config.json.
 * The contract is docs/plan-protocol.md. This header holds what every part of the helper shares:
 * op codes, the process-wide state, the op handlers and the error helpers.
 */
#ifndef JRUNC_INIT_H
#define JRUNC_INIT_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <limits.h>
#include <stdint.h>
#include <sys/types.h>

#include "protocol.h"

enum opcode {
    OP_UNSHARE = 1,
    OP_SETNS = 2,
    OP_SYNC = 3,
    OP_FORK = 4,
    OP_SETSID = 5,
    OP_OPEN_ROOT = 6,
    OP_MOUNT = 7,
    OP_MKDIR = 8,
    OP_MKNOD = 9,
    OP_SYMLINK = 10,
    OP_PIVOT_ROOT = 11,
    OP_MOVE_CHROOT = 12,
    OP_SETHOSTNAME = 13,
    OP_SETDOMAINNAME = 14,
    OP_WRITE_FILE = 15,
    OP_SETRLIMIT = 16,
    OP_SETGROUPS = 17,
    OP_SETRESGID = 18,
    OP_SETRESUID = 19,
    OP_UMASK = 20,
    OP_CHDIR = 21,
    OP_OPEN_FIFO_DIR = 22,
    OP_READY = 23,
    OP_WAIT_FIFO = 24,
    OP_RESOLVE_EXEC = 25,
    OP_EXECVE = 26,
    OP_CONSOLE = 27,
    OP_CLOSE_FDS = 28,
    OP_MOUNT_HOST = 29,
    OP_JOIN_KEYRING = 30,
    OP_CAPS_BOUNDING = 31,
    OP_KEEP_CAPS = 32,
    OP_CAPS_SET = 33,
    OP_NO_NEW_PRIVS = 34,
    OP_MASK_PATH = 35,
    OP_READONLY_PATH = 36,
    OP_SECCOMP = 37,
    OP_SECCOMP_LISTENER = 38,
    OP_WRITE_PROC = 40,
    OP_PERSONALITY = 41,
    OP_IOPRIO = 42,
    OP_SCHED_ATTR = 43,
    OP_CPU_AFFINITY = 44,
    OP_SETFSUID = 45,
    OP_DUMPABLE = 60,
    OP_BIND_CONSOLE = 61,
    OP_CHROOT = 70,
    OP_OPEN_NS = 80,
    OP_JOIN_NS = 81,
    OP_RUN_HOOK = 90,
    OP_HOOK_PID = 91,
    OP_OPEN_EXEC_FIFO = 92,
    /* The top of the highest reserved range (90-99), not the highest op in use: op_defs has a
     * slot for every code up to it, and a code without a handler is rejected as unknown. */
    OP_MAX = 99
};

/* Modes (before the umask) of what MOUNT and MKNOD create for a missing target or parent,
 * as runc does. */
#define CREATE_DIR_MODE 0755
#define CREATE_FILE_MODE 0755

/* Everything the ops share. One process, one plan: a single global is the simplest thing. */
struct state {
    int sock;       /* the socket to jrunc; close-on-exec */
    int rootfd;     /* O_PATH fd of the container's root, -1 before OPEN_ROOT */
    int fifodirfd;  /* O_PATH fd of the state dir holding exec.fifo, -1 if none */
    int ready;      /* READY was sent: later failures also go to stderr, exit 127 */
    int have_exec;  /* RESOLVE_EXEC succeeded, exec_path is set */
    char exec_path[PATH_MAX];
    char detail[PATH_MAX + 256]; /* the failing step, sent in ERROR */
};
extern struct state st;

/* An op handler: 0 on success; -1 with errno set and st.detail naming the failing step. */
typedef int (*op_fn)(const struct arg *args);

/* util.c */
int fail(const char *step, const char *what);  /* st.detail = "step what"; keeps errno; -1 */
int fail_errno(int err, const char *step, const char *what);
void detail_append(const char *s);
char *utoa(char *buf, unsigned long v);        /* buf >= 21 bytes; returns buf */
int fds_cloexec_from(unsigned int first);      /* every fd >= first gets FD_CLOEXEC */
void signals_reset(void);                      /* all dispositions SIG_DFL, mask empty */
void set_sigpipe_ignored(int ignored);
void print_error(const char *detail, int err); /* "jrunc-init: detail: strerror\n" on fd 2 */
/* Java's pieces joined with the pid in each gap (it left exactly the pid's places open): the state
 * for hooks, the seccomp listener's payload. malloc'ed, NUL-terminated, length in *len; NULL+errno. */
char *join_with_pid(const struct arg *pieces, const char *pid, size_t *len);

/* inroot.c: paths inside st.rootfd */
int open_no_symlinks(const char *path, int flags); /* a host path, RESOLVE_NO_SYMLINKS */
int inroot_open(const char *path, int flags, mode_t mode);
int inroot_mkdir_all(const char *path, mode_t mode);
int inroot_parent(const char *path, int create, char *base, size_t basecap);
int inroot_create_file(const char *path, mode_t mode);
char *fd_path(char *buf, int fd);              /* "/proc/self/fd/N"; buf >= 40 bytes */

/* ops_proc.c */
int op_unshare(const struct arg *a);
int op_setns(const struct arg *a);
int op_sync(const struct arg *a);
int op_fork(const struct arg *a);
int op_setsid(const struct arg *a);
int op_sethostname(const struct arg *a);
int op_setdomainname(const struct arg *a);
int op_setrlimit(const struct arg *a);
int op_setgroups(const struct arg *a);
int op_setresgid(const struct arg *a);
int op_setresuid(const struct arg *a);
int op_umask(const struct arg *a);
int op_chdir(const struct arg *a);
int op_ready(const struct arg *a);
int op_join_keyring(const struct arg *a);

/* ops_exec.c */
int op_resolve_exec(const struct arg *a);
int op_execve(const struct arg *a);
int op_close_fds(const struct arg *a);
int op_setfsuid(const struct arg *a);

/* ops_fs.c */
int op_open_root(const struct arg *a);
int op_mount(const struct arg *a);
int op_mount_host(const struct arg *a);
int op_mkdir(const struct arg *a);
int op_mknod(const struct arg *a);
int op_symlink(const struct arg *a);
int op_pivot_root(const struct arg *a);
int op_move_chroot(const struct arg *a);
int op_chroot(const struct arg *a);
int op_write_file(const struct arg *a);

/* ops_security.c */
int op_caps_bounding(const struct arg *a);
int op_keep_caps(const struct arg *a);
int op_caps_set(const struct arg *a);
int op_no_new_privs(const struct arg *a);
int op_mask_path(const struct arg *a);
int op_readonly_path(const struct arg *a);

/* ops_seccomp.c */
int op_seccomp(const struct arg *a);
int op_seccomp_listener(const struct arg *a);

/* ops_attrs.c */
int op_write_proc(const struct arg *a);
int op_personality(const struct arg *a);
int op_ioprio(const struct arg *a);
int op_sched_attr(const struct arg *a);
int op_cpu_affinity(const struct arg *a);

/* ops_console.c */
int op_console(const struct arg *a);

/* ops_hardening.c */
int op_dumpable(const struct arg *a);
int op_bind_console(const struct arg *a);
int chdir_in_root(const char *path);

/* procfs.c: opening files under the container's /proc so that writes reach procfs only */
int procfs_path(const char *path);
int procfs_open(const char *path, int flags);
int procfs_open_magic_dir(const char *path);
int procfs_open_beneath(int proc, const char *rel, int flags, const char *shown);

/* ops_ns.c: joining a running container's namespaces (exec) */
int op_open_ns(const struct arg *a);
int op_join_ns(const struct arg *a);
/* ops_hooks.c */
int op_run_hook(const struct arg *a);
int op_hook_pid(const struct arg *a);
int op_open_exec_fifo(const struct arg *a);
int exec_fifo_take(void);                          /* the fifo OPEN_EXEC_FIFO holds, or -1 */
void exec_fifo_fail(const char *detail, int err);  /* a failure into the held fifo, for `start` */

/* ops_fifo.c */
int op_open_fifo_dir(const struct arg *a);
int op_wait_fifo(const struct arg *a);

#endif
