/*
 * The cold path (LIBDIR/jrunc-java, one JVM for this call, exactly as jrunc ran before the planner)
 * and starting a planner in the background for the calls after this one.
 */
#include "frontend.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void launcher_path(const struct install *in, char *out, size_t size)
{
    snprintf(out, size, "%s/jrunc-java", in->libdir);
}

/* argv with argv[0] replaced by the launcher: the JVM sees the caller's arguments unchanged. */
static char **launcher_argv(char *launcher, char **args)
{
    size_t n = 0;
    while (args[n])
        n++;
    char **v = malloc((n + 2) * sizeof *v);
    if (!v)
        die("cold path", ENOMEM);
    v[0] = launcher;
    memcpy(v + 1, args, (n + 1) * sizeof *v);
    return v;
}

void cold_path(const struct install *in)
{
    static char launcher[sizeof in->libdir + 16];
    launcher_path(in, launcher, sizeof launcher);
    char **v = launcher_argv(launcher, fe_argv[0] ? fe_argv + 1 : fe_argv);
    sigprocmask(SIG_SETMASK, &fe_caller_mask, NULL);
    execv(launcher, v);
    die(launcher, errno);
}

void signals_default(void)
{
    struct sigaction sa = { .sa_handler = SIG_DFL };
    for (int sig = 1; sig < NSIG; sig++)
        sigaction(sig, &sa, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

/*
 * fork, setsid, fork again: the planner belongs to no caller's session and, once the middle
 * process has exited, to no caller's process tree; it gets none of the caller's fds and a clean
 * environment, so nothing of this call outlives it in the planner.
 */
void planner_start(const struct install *in)
{
    pid_t mid = fork();
    if (mid < 0)
        return; /* no planner this time; the cold path still runs the call */
    if (mid == 0) {
        setsid();
        pid_t pid = fork();
        if (pid != 0)
            _exit(0);
        signals_default();
        syscall(SYS_close_range, 0u, ~0u, 0u);
        if (open("/dev/null", O_RDWR) == 0) {
            dup2(0, 1);
            dup2(0, 2);
        }
        char launcher[sizeof in->libdir + 16];
        launcher_path(in, launcher, sizeof launcher);
        static char xdg[4200], config[4200];
        char *envp[4];
        int n = 0;
        envp[n++] = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
        const char *v = getenv("XDG_RUNTIME_DIR");
        if (v) {
            snprintf(xdg, sizeof xdg, "XDG_RUNTIME_DIR=%s", v);
            envp[n++] = xdg;
        }
        v = getenv("JRUNC_CONFIG");
        if (v) {
            snprintf(config, sizeof config, "JRUNC_CONFIG=%s", v);
            envp[n++] = config;
        }
        envp[n] = NULL;
        char *argv[] = { launcher, "--planner", (char *)in->sock, NULL };
        execve(launcher, argv, envp);
        _exit(127);
    }
    while (waitpid(mid, NULL, 0) < 0 && errno == EINTR)
        ;
}

int cold_run(const struct install *in, char **args)
{
    char launcher[sizeof in->libdir + 16];
    launcher_path(in, launcher, sizeof launcher);
    char **v = launcher_argv(launcher, args);
    pid_t pid = fork();
    if (pid < 0) {
        free(v);
        return -1;
    }
    if (pid == 0) {
        signals_default();
        execv(launcher, v);
        _exit(127);
    }
    free(v);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return status;
}
