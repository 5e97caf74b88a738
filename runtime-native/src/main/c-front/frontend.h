/*
 * jrunc's front end: the `jrunc` command. It forwards each call to the resident planner of its uid
 * and does, on the planner's behalf, what must happen in the caller's process tree (spawning
 * jrunc-init, waiting for a foreground process, the terminal). docs/planner-protocol.md is the
 * contract; when no planner can take the call it execs the JVM launcher (the cold path).
 */
#ifndef JRUNC_FRONTEND_H
#define JRUNC_FRONTEND_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "framing.h"

enum fe_msg {
    FE_HELLO = 301,
    FE_ARGV = 302,
    FE_CWD = 303,
    FE_ENV = 304,
    FE_STDIO = 305,
    FE_GO = 306,
    FE_SPAWNED = 307,
    FE_SPAWN_FAILED = 308,
    FE_EXITED = 309,
    PL_ACCEPTED = 401,
    PL_MISMATCH = 402,
    PL_SPAWN = 403,
    PL_TTY = 404,
    PL_WAIT = 405,
    PL_EXIT = 406
};

#define ACCEPTED_READ_ONLY 1u
#define SPAWN_SUBREAPER 1u
/* Bodies the planner sends are small (a build id, a cleanup argv): anything larger is a bad peer. */
#define PL_MAX_BODY (1u << 20)

/* Where this install lives and what it is: found once at start-up. */
struct install {
    char libdir[4096];   /* dirname(/proc/self/exe)/../lib/jrunc */
    char build_id[256];  /* LIBDIR/build-id without its newline; "" when unreadable */
    char sock[4096];     /* the planner's socket path; "" when this uid has none */
};

/* main.c */
extern char **fe_argv;       /* argv as the caller gave it */
extern sigset_t fe_caller_mask; /* the signal mask to hand on to whatever the front end execs */
void die(const char *what, int err) __attribute__((noreturn)); /* "jrunc: what: strerror", exit 1 */

/* strlist.c: a growable buffer of NUL-ended strings (the wire's "string list") */
struct strlist {
    char *buf;
    size_t len, cap;
};
int strlist_add(struct strlist *l, const char *s);
void strlist_free(struct strlist *l);
/* Splits a received string list into a NULL-ended vector (pointers into body); NULL on ENOMEM. */
char **strlist_split(char *body, size_t len, size_t *count);

/* connect.c */
int planner_enabled(void);                     /* JRUNC_PLANNER, then the config file */
int install_find(struct install *in);          /* 0, or -1 with errno (no LIBDIR) */
/* How connecting went: CONNECTED (fd returned), START (no planner answers: start one), or
 * REFUSED (no planner may be used for this uid and directory: cold path only). */
enum link_state { LINK_CONNECTED, LINK_START, LINK_REFUSED };
enum link_state planner_connect(const struct install *in, int *fd);

/* cold.c */
void cold_path(const struct install *in) __attribute__((noreturn));
void planner_start(const struct install *in);
void signals_default(void); /* every disposition default, nothing blocked: what a new program expects */
/* Runs LIBDIR/jrunc-java with argv (the planner's cleanup), waits for it; its exit status or -1. */
int cold_run(const struct install *in, char **argv);

/* spawn.c: jrunc-init from a sealed memfd, as the cold path starts it. 0 with *pid and *sock (our
 * end of the socketpair), or -1 with errno and *step naming what failed. */
int helper_spawn(const struct install *in, uint32_t preserve_fds, pid_t *pid, int *sock, const char **step);

/* tty.c */
int tty_attach(int master);  /* takes the master: raw stdin, window size, starts proxying */
void tty_winch(void);        /* SIGWINCH: the master gets stdin's window size again */
int tty_fds(int *fds);       /* the fds to poll for the proxy (0..2 of them); fills fds */
void tty_ready(int fd, short revents); /* moves data for one of those fds */
void tty_finish(void);       /* drains the master to EOF/EIO, restores stdin's mode */

/* serve.c: the call after GO. Never returns: it exits with the call's code, or execs the cold
 * path when the planner did nothing for the call (or nothing that repeating it could harm). */
void serve(const struct install *in, int sock) __attribute__((noreturn));

#endif
