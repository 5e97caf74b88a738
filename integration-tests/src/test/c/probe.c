/*
 * probe: a tiny static program that runs inside a container and prints what it sees.
 *
 * Built by the integration tests with `gcc -static -O2` and copied into the test rootfs as /bin/probe.
 * Every line is `key=value`; keys are stable so that tests (and the side-by-side comparison with runc)
 * can parse them. Several commands may be given in one call: `probe ids cwd env` prints all three.
 *
 *   ids        uid, gid, euid, egid, groups (supplementary, sorted, comma separated)
 *   cwd        cwd
 *   env        env.NAME=value for every environment entry (and envcount)
 *   hostname   hostname, domainname (from uname)
 *   mounts     mount.<target>=type=.. src=.. opts=.. super=.. prop=..   (from /proc/self/mountinfo)
 *   rlimits    rlimit.<NAME>=soft:hard ("unlimited" for RLIM_INFINITY)
 *   ns         ns.<type>=<readlink /proc/self/ns/type>
 *   umask      umask=0022
 *   caps       cap.inh/prm/eff/bnd/amb (hex from /proc/self/status), nonewprivs
 *   fds        fds=0,1,2,.. and fd.N=<readlink /proc/self/fd/N>
 *   tty        tty.stdin=0|1, tty.name, tty.rows, tty.cols
 *   pid        pid, ppid
 *   all        everything above
 *   stat P     stat.P=type=.. mode=.. uid=.. gid=.. [major=.. minor=..] [link=..]   (lstat)
 *   write P    write.P=ok | err:ENAME   (creates/truncates P and writes a line)
 *   read P     read.P=<first line> | err:ENAME
 *   fdwrite N TEXT   writes TEXT\n to fd N; fdwrite.N=ok | err:ENAME
 *   echo TEXT  echo=TEXT
 *   exit N     exits with status N
 *   sleep N    sleeps N seconds (fractions allowed)
 *   kill-self SIG   sends SIG (number or name) to itself (note: ignored when pid 1 of a pid namespace)
 *   trap [SECS]     installs handlers for HUP INT QUIT USR1 USR2 TERM, prints trap=ready, waits for one
 *                   (or SECS seconds), prints caught=N (or caught=none) and goes on
 *   syscall NAME [ARG]   makes one raw syscall (no libc wrapper that might pick another one) and prints
 *                   syscall.NAME=ok:<result> | err:ENAME. NAME: mkdir [PATH=/tmp/probe-dir], chmod
 *                   [PATH=/tmp], uname, getpid, unshare [FLAGS=0], mount (tmpfs on /mnt), personality
 *                   [PERSONA=0xffffffff, the query], or nr:N (syscall number N, no arguments)
 *   oom        oom_score_adj=N
 *   personality  personality=0xN (the current persona), machine=<uname -m>
 *   ioprio     ioprio.class=N ioprio.level=N (ioprio_get of this process)
 *   sched      sched.policy, sched.nice, sched.priority, sched.flags, sched.runtime, sched.deadline,
 *              sched.period (sched_getattr)
 *   affinity   affinity=<CPU list of sched_getaffinity, like 0-1,3>
 *   timens     clock.monotonic=S, clock.boottime=S (whole seconds), ns.time, ns.time_for_children
 *   lsm        lsm.current, lsm.exec (/proc/self/attr/...) and lsm.apparmor (attr/apparmor/current):
 *              the first line, or err:ENAME
 *   alloc MB   allocates and touches MB mebibytes, one at a time, printing alloc=N after each (an OOM
 *              kill shows as the last N); then alloc.done=MB
 *   forkloop N forks up to N children that wait; prints forked=K and, when a fork failed,
 *              fork.err=ENAME; then ends the children
 *   count      prints count=N every 100 ms, forever (a frozen container stops counting)
 *   hugealloc N  maps and touches N 2 MiB huge pages: hugealloc=ok | err:ENAME
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const char *errname(int e) {
    const char *n = strerrorname_np(e);
    return n ? n : "EUNKNOWN";
}

static void p_ids(void) {
    printf("uid=%u\ngid=%u\neuid=%u\negid=%u\n", getuid(), getgid(), geteuid(), getegid());
    gid_t g[NGROUPS_MAX];
    int n = getgroups(NGROUPS_MAX, g);
    if (n < 0) n = 0;
    for (int i = 1; i < n; i++) { /* insertion sort */
        gid_t v = g[i]; int j = i - 1;
        while (j >= 0 && g[j] > v) { g[j + 1] = g[j]; j--; }
        g[j + 1] = v;
    }
    printf("groups=");
    for (int i = 0; i < n; i++) printf("%s%u", i ? "," : "", g[i]);
    printf("\n");
}

static void p_cwd(void) {
    char buf[PATH_MAX];
    if (getcwd(buf, sizeof buf)) printf("cwd=%s\n", buf);
    else printf("cwd=err:%s\n", errname(errno));
}

extern char **environ;
static void p_env(void) {
    int n = 0;
    for (char **e = environ; e && *e; e++, n++) printf("env.%s\n", *e);
    printf("envcount=%d\n", n);
}

static void p_hostname(void) {
    struct utsname u;
    if (uname(&u) == 0) printf("hostname=%s\ndomainname=%s\n", u.nodename, u.domainname);
}

/* mountinfo: id parent maj:min root target opts [optional...] - fstype source superopts */
static void p_mounts(void) {
    FILE *f = fopen("/proc/self/mountinfo", "r");
    if (!f) { printf("mounts=err:%s\n", errname(errno)); return; }
    char line[8192];
    int count = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        char *fields[64]; int nf = 0;
        for (char *tok = strtok(line, " "); tok && nf < 64; tok = strtok(NULL, " ")) fields[nf++] = tok;
        if (nf < 10) continue;
        int sep = -1;
        for (int i = 6; i < nf; i++) if (strcmp(fields[i], "-") == 0) { sep = i; break; }
        if (sep < 0 || sep + 3 >= nf + 1) continue;
        char prop[512] = "";
        for (int i = 6; i < sep; i++) {
            if (prop[0]) strncat(prop, ",", sizeof prop - strlen(prop) - 1);
            strncat(prop, fields[i], sizeof prop - strlen(prop) - 1);
        }
        if (!prop[0]) strcpy(prop, "private");
        printf("mount.%s=type=%s src=%s opts=%s super=%s prop=%s root=%s\n", fields[4], fields[sep + 1],
               sep + 2 < nf ? fields[sep + 2] : "", fields[5], sep + 3 < nf ? fields[sep + 3] : "", prop, fields[3]);
        count++;
    }
    fclose(f);
    printf("mountcount=%d\n", count);
}

static const struct { int res; const char *name; } RL[] = {
    {RLIMIT_AS, "AS"}, {RLIMIT_CORE, "CORE"}, {RLIMIT_CPU, "CPU"}, {RLIMIT_DATA, "DATA"},
    {RLIMIT_FSIZE, "FSIZE"}, {RLIMIT_LOCKS, "LOCKS"}, {RLIMIT_MEMLOCK, "MEMLOCK"},
    {RLIMIT_MSGQUEUE, "MSGQUEUE"}, {RLIMIT_NICE, "NICE"}, {RLIMIT_NOFILE, "NOFILE"},
    {RLIMIT_NPROC, "NPROC"}, {RLIMIT_RSS, "RSS"}, {RLIMIT_RTPRIO, "RTPRIO"},
    {RLIMIT_RTTIME, "RTTIME"}, {RLIMIT_SIGPENDING, "SIGPENDING"}, {RLIMIT_STACK, "STACK"},
};

static void rlval(rlim_t v) {
    if (v == RLIM_INFINITY) printf("unlimited"); else printf("%llu", (unsigned long long)v);
}

static void p_rlimits(void) {
    for (size_t i = 0; i < sizeof RL / sizeof RL[0]; i++) {
        struct rlimit r;
        if (getrlimit(RL[i].res, &r) != 0) { printf("rlimit.%s=err:%s\n", RL[i].name, errname(errno)); continue; }
        printf("rlimit.%s=", RL[i].name); rlval(r.rlim_cur); printf(":"); rlval(r.rlim_max); printf("\n");
    }
}

static void p_ns(void) {
    static const char *ns[] = {"cgroup", "ipc", "mnt", "net", "pid", "pid_for_children", "time", "user", "uts"};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        char path[64], buf[256];
        snprintf(path, sizeof path, "/proc/self/ns/%s", ns[i]);
        ssize_t n = readlink(path, buf, sizeof buf - 1);
        if (n < 0) { printf("ns.%s=err:%s\n", ns[i], errname(errno)); continue; }
        buf[n] = 0;
        printf("ns.%s=%s\n", ns[i], buf);
    }
}

static void p_umask(void) {
    mode_t m = umask(0);
    umask(m);
    printf("umask=%04o\n", (unsigned)m);
}

static void p_caps(void) {
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) { printf("caps=err:%s\n", errname(errno)); return; }
    char line[512];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        char *v = strchr(line, ':');
        if (!v) continue;
        *v++ = 0;
        while (*v == ' ' || *v == '\t') v++;
        if (strcmp(line, "CapInh") == 0) printf("cap.inh=%s\n", v);
        else if (strcmp(line, "CapPrm") == 0) printf("cap.prm=%s\n", v);
        else if (strcmp(line, "CapEff") == 0) printf("cap.eff=%s\n", v);
        else if (strcmp(line, "CapBnd") == 0) printf("cap.bnd=%s\n", v);
        else if (strcmp(line, "CapAmb") == 0) printf("cap.amb=%s\n", v);
        else if (strcmp(line, "NoNewPrivs") == 0) printf("nonewprivs=%s\n", v);
        else if (strcmp(line, "Seccomp") == 0) printf("seccomp=%s\n", v);
    }
    fclose(f);
}

static void p_fds(void) {
    DIR *d = opendir("/proc/self/fd");
    if (!d) { printf("fds=err:%s\n", errname(errno)); return; }
    int self = dirfd(d), fds[1024], n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 1024) {
        if (e->d_name[0] == '.') continue;
        int fd = atoi(e->d_name);
        if (fd != self) fds[n++] = fd;
    }
    closedir(d);
    for (int i = 1; i < n; i++) { int v = fds[i], j = i - 1; while (j >= 0 && fds[j] > v) { fds[j + 1] = fds[j]; j--; } fds[j + 1] = v; }
    printf("fds=");
    for (int i = 0; i < n; i++) printf("%s%d", i ? "," : "", fds[i]);
    printf("\n");
    for (int i = 0; i < n; i++) {
        char path[64], buf[PATH_MAX];
        snprintf(path, sizeof path, "/proc/self/fd/%d", fds[i]);
        ssize_t l = readlink(path, buf, sizeof buf - 1);
        if (l < 0) continue;
        buf[l] = 0;
        printf("fd.%d=%s\n", fds[i], buf);
    }
}

static void p_tty(void) {
    int t = isatty(0);
    printf("tty.stdin=%d\n", t);
    if (t) {
        char *name = ttyname(0);
        printf("tty.name=%s\n", name ? name : "?");
        struct winsize ws;
        if (ioctl(0, TIOCGWINSZ, &ws) == 0) printf("tty.rows=%u\ntty.cols=%u\n", ws.ws_row, ws.ws_col);
    }
    printf("tty.stdout=%d\n", isatty(1));
}

static void p_pid(void) { printf("pid=%d\nppid=%d\n", getpid(), getppid()); }

static void p_stat(const char *p) {
    struct stat st;
    if (lstat(p, &st) != 0) { printf("stat.%s=err:%s\n", p, errname(errno)); return; }
    char type = '?';
    switch (st.st_mode & S_IFMT) {
        case S_IFREG: type = 'f'; break; case S_IFDIR: type = 'd'; break; case S_IFLNK: type = 'l'; break;
        case S_IFCHR: type = 'c'; break; case S_IFBLK: type = 'b'; break; case S_IFIFO: type = 'p'; break;
        case S_IFSOCK: type = 's'; break;
    }
    printf("stat.%s=type=%c mode=%04o uid=%u gid=%u", p, type, (unsigned)(st.st_mode & 07777), st.st_uid, st.st_gid);
    if (type == 'c' || type == 'b') printf(" major=%u minor=%u", major(st.st_rdev), minor(st.st_rdev));
    if (type == 'l') {
        char buf[PATH_MAX];
        ssize_t l = readlink(p, buf, sizeof buf - 1);
        if (l >= 0) { buf[l] = 0; printf(" link=%s", buf); }
    }
    printf("\n");
}

static void p_write(const char *p) {
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) { printf("write.%s=err:%s\n", p, errname(errno)); return; }
    const char msg[] = "written by probe\n";
    ssize_t n = write(fd, msg, sizeof msg - 1);
    int e = errno;
    close(fd);
    if (n < 0) printf("write.%s=err:%s\n", p, errname(e)); else printf("write.%s=ok\n", p);
}

static void p_read(const char *p) {
    FILE *f = fopen(p, "r");
    if (!f) { printf("read.%s=err:%s\n", p, errname(errno)); return; }
    char line[4096] = "";
    if (!fgets(line, sizeof line, f)) line[0] = 0;
    fclose(f);
    line[strcspn(line, "\n")] = 0;
    printf("read.%s=%s\n", p, line);
}

static void p_fdwrite(int fd, const char *text) {
    size_t len = strlen(text);
    char *buf = malloc(len + 2);
    memcpy(buf, text, len); buf[len] = '\n'; buf[len + 1] = 0;
    ssize_t n = write(fd, buf, len + 1);
    free(buf);
    if (n < 0) printf("fdwrite.%d=err:%s\n", fd, errname(errno)); else printf("fdwrite.%d=ok\n", fd);
}

/* For seccomp tests: the syscall itself, by number, so the filter sees exactly that one. */
static void p_syscall(const char *name, const char *arg) {
    struct utsname u;
    long r;
    if (!strcmp(name, "mkdir")) r = syscall(SYS_mkdir, arg ? arg : "/tmp/probe-dir", 0755);
    else if (!strcmp(name, "chmod")) r = syscall(SYS_chmod, arg ? arg : "/tmp", 01777);
    else if (!strcmp(name, "uname")) r = syscall(SYS_uname, &u);
    else if (!strcmp(name, "getpid")) r = syscall(SYS_getpid);
    else if (!strcmp(name, "unshare")) r = syscall(SYS_unshare, arg ? strtol(arg, NULL, 0) : 0L);
    else if (!strcmp(name, "mount")) r = syscall(SYS_mount, "none", "/mnt", "tmpfs", 0L, NULL);
    else if (!strcmp(name, "personality")) r = syscall(SYS_personality, arg ? strtoul(arg, NULL, 0) : 0xffffffffUL);
    else if (!strncmp(name, "nr:", 3)) r = syscall(atol(name + 3));
    else { fprintf(stderr, "probe: unknown syscall %s\n", name); exit(2); }
    if (r < 0) printf("syscall.%s=err:%s\n", name, errname(errno)); else printf("syscall.%s=ok:%ld\n", name, r);
}

static void p_oom(void) {
    char line[64] = "";
    FILE *f = fopen("/proc/self/oom_score_adj", "r");
    if (!f || !fgets(line, sizeof line, f)) { printf("oom_score_adj=err:%s\n", errname(errno)); if (f) fclose(f); return; }
    fclose(f);
    line[strcspn(line, "\n")] = 0;
    printf("oom_score_adj=%s\n", line);
}

static void p_personality(void) {
    long p = syscall(SYS_personality, 0xffffffffUL);
    struct utsname u;
    if (p < 0) printf("personality=err:%s\n", errname(errno)); else printf("personality=0x%lx\n", p);
    if (uname(&u) == 0) printf("machine=%s\n", u.machine);
}

static void p_ioprio(void) {
    long v = syscall(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, 0);
    if (v < 0) { printf("ioprio=err:%s\n", errname(errno)); return; }
    printf("ioprio.class=%ld\nioprio.level=%ld\n", v >> 13, v & 0x1fff);
}

/* struct sched_attr (linux/sched/types.h), SCHED_ATTR_SIZE_VER1 */
struct probe_sched_attr {
    unsigned int size, policy;
    unsigned long long flags;
    int nice;
    unsigned int priority;
    unsigned long long runtime, deadline, period;
    unsigned int util_min, util_max;
};

static void p_sched(void) {
    struct probe_sched_attr a;
    memset(&a, 0, sizeof a);
    if (syscall(SYS_sched_getattr, 0, &a, sizeof a, 0) < 0) { printf("sched=err:%s\n", errname(errno)); return; }
    printf("sched.policy=%u\nsched.nice=%d\nsched.priority=%u\nsched.flags=%llu\nsched.runtime=%llu\nsched.deadline=%llu\nsched.period=%llu\n",
           a.policy, a.nice, a.priority, a.flags, a.runtime, a.deadline, a.period);
}

static void p_affinity(void) {
    unsigned char mask[1024];
    memset(mask, 0, sizeof mask);
    long n = syscall(SYS_sched_getaffinity, 0, sizeof mask, mask);
    if (n < 0) { printf("affinity=err:%s\n", errname(errno)); return; }
    printf("affinity=");
    int first = 1;
    for (int c = 0; c < (int)n * 8; c++) {
        if (!(mask[c / 8] & (1 << (c % 8)))) continue;
        int end = c;
        while (end + 1 < (int)n * 8 && (mask[(end + 1) / 8] & (1 << ((end + 1) % 8)))) end++;
        printf(first ? "%d" : ",%d", c);
        if (end > c) printf("-%d", end);
        first = 0;
        c = end;
    }
    printf("\n");
}

static void p_timens(void) {
    static const struct { clockid_t id; const char *name; } C[] = {{CLOCK_MONOTONIC, "monotonic"}, {CLOCK_BOOTTIME, "boottime"}};
    for (size_t i = 0; i < sizeof C / sizeof C[0]; i++) {
        struct timespec ts;
        if (clock_gettime(C[i].id, &ts) != 0) printf("clock.%s=err:%s\n", C[i].name, errname(errno));
        else printf("clock.%s=%lld\n", C[i].name, (long long)ts.tv_sec);
    }
    static const char *ns[] = {"time", "time_for_children"};
    for (size_t i = 0; i < 2; i++) {
        char path[64], buf[256];
        snprintf(path, sizeof path, "/proc/self/ns/%s", ns[i]);
        ssize_t n = readlink(path, buf, sizeof buf - 1);
        if (n < 0) { printf("ns.%s=err:%s\n", ns[i], errname(errno)); continue; }
        buf[n] = 0;
        printf("ns.%s=%s\n", ns[i], buf);
    }
}

static void p_attr(const char *key, const char *path) {
    char line[512] = "";
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) { printf("%s=err:%s\n", key, errname(errno)); return; }
    ssize_t n = read(fd, line, sizeof line - 1);
    int e = errno;
    close(fd);
    if (n < 0) { printf("%s=err:%s\n", key, errname(e)); return; }
    line[n] = 0;
    line[strcspn(line, "\n")] = 0;
    printf("%s=%s\n", key, line);
}

static void p_lsm(void) {
    p_attr("lsm.current", "/proc/self/attr/current");
    p_attr("lsm.exec", "/proc/self/attr/exec");
    p_attr("lsm.apparmor", "/proc/self/attr/apparmor/current");
}

static int signum(const char *s) {
    if (s[0] >= '0' && s[0] <= '9') return atoi(s);
    if (strncmp(s, "SIG", 3) == 0) s += 3;
    static const struct { const char *n; int v; } S[] = {
        {"HUP", SIGHUP}, {"INT", SIGINT}, {"QUIT", SIGQUIT}, {"ABRT", SIGABRT}, {"KILL", SIGKILL},
        {"USR1", SIGUSR1}, {"SEGV", SIGSEGV}, {"USR2", SIGUSR2}, {"PIPE", SIGPIPE}, {"ALRM", SIGALRM},
        {"TERM", SIGTERM}};
    for (size_t i = 0; i < sizeof S / sizeof S[0]; i++) if (strcmp(s, S[i].n) == 0) return S[i].v;
    return -1;
}

static volatile sig_atomic_t caught = 0;
static void on_signal(int s) { caught = s; }

static void p_trap(double secs) {
    static const int sigs[] = {SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGTERM};
    sigset_t block, old;
    sigemptyset(&block);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) { sigaction(sigs[i], &sa, NULL); sigaddset(&block, sigs[i]); }
    sigprocmask(SIG_BLOCK, &block, &old);
    caught = 0;
    printf("trap=ready\n");
    fflush(stdout);
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    end.tv_sec += (time_t)secs;
    end.tv_nsec += (long)((secs - (time_t)secs) * 1e9);
    if (end.tv_nsec >= 1000000000L) { end.tv_sec++; end.tv_nsec -= 1000000000L; }
    while (!caught) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec > end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec)) break;
        struct timespec rem = {end.tv_sec - now.tv_sec, end.tv_nsec - now.tv_nsec};
        if (rem.tv_nsec < 0) { rem.tv_sec--; rem.tv_nsec += 1000000000L; }
        siginfo_t si;
        int s = sigtimedwait(&block, &si, &rem);
        if (s > 0) caught = s;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (caught) printf("caught=%d\n", (int)caught); else printf("caught=none\n");
}

static void sleep_secs(double secs) {
    struct timespec ts = {(time_t)secs, (long)((secs - (time_t)secs) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

static void all(void) {
    p_pid(); p_ids(); p_cwd(); p_env(); p_hostname(); p_umask(); p_rlimits(); p_ns(); p_caps(); p_fds(); p_tty(); p_mounts();
}

/* For the cgroup tests: memory, pids and hugetlb limits, and the freezer. */
static void p_alloc(long mb) {
    for (long i = 1; i <= mb; i++) {
        char *p = malloc(1 << 20);
        if (!p) { printf("alloc.err=ENOMEM\n"); return; }
        memset(p, (int)i, 1 << 20);
        printf("alloc=%ld\n", i);
        fflush(stdout);
    }
    printf("alloc.done=%ld\n", mb);
}

static void p_forkloop(long n) {
    pid_t kids[4096];
    long k = 0;
    int err = 0;
    if (n > 4096) n = 4096;
    for (; k < n; k++) {
        pid_t c = fork();
        if (c < 0) { err = errno; break; }
        if (c == 0) { pause(); _exit(0); }
        kids[k] = c;
    }
    printf("forked=%ld\n", k);
    if (err) printf("fork.err=%s\n", errname(err));
    for (long i = 0; i < k; i++) kill(kids[i], SIGKILL);
    for (long i = 0; i < k; i++) waitpid(kids[i], NULL, 0);
}

static void p_count(void) {
    for (long i = 1;; i++) {
        printf("count=%ld\n", i);
        fflush(stdout);
        sleep_secs(0.1);
    }
}

static void p_hugealloc(long pages) {
    size_t len = (size_t)pages << 21;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
    if (p == MAP_FAILED) { printf("hugealloc=err:%s\n", errname(errno)); return; }
    for (size_t o = 0; o < len; o += 1 << 21) p[o] = 1;
    munmap(p, len);
    printf("hugealloc=ok\n");
}

static int need(int i, int argc, int n, const char *cmd) {
    if (i + n >= argc) { fprintf(stderr, "probe: %s needs %d argument(s)\n", cmd, n); exit(2); }
    return 1;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2) { all(); return 0; }
    for (int i = 1; i < argc; i++) {
        const char *c = argv[i];
        if (!strcmp(c, "all")) all();
        else if (!strcmp(c, "ids")) p_ids();
        else if (!strcmp(c, "cwd")) p_cwd();
        else if (!strcmp(c, "env")) p_env();
        else if (!strcmp(c, "hostname")) p_hostname();
        else if (!strcmp(c, "mounts")) p_mounts();
        else if (!strcmp(c, "rlimits")) p_rlimits();
        else if (!strcmp(c, "ns")) p_ns();
        else if (!strcmp(c, "umask")) p_umask();
        else if (!strcmp(c, "caps")) p_caps();
        else if (!strcmp(c, "fds")) p_fds();
        else if (!strcmp(c, "tty")) p_tty();
        else if (!strcmp(c, "pid")) p_pid();
        else if (!strcmp(c, "stat") && need(i, argc, 1, c)) p_stat(argv[++i]);
        else if (!strcmp(c, "write") && need(i, argc, 1, c)) p_write(argv[++i]);
        else if (!strcmp(c, "read") && need(i, argc, 1, c)) p_read(argv[++i]);
        else if (!strcmp(c, "fdwrite") && need(i, argc, 2, c)) { int fd = atoi(argv[++i]); p_fdwrite(fd, argv[++i]); }
        else if (!strcmp(c, "echo") && need(i, argc, 1, c)) printf("echo=%s\n", argv[++i]);
        else if (!strcmp(c, "exit") && need(i, argc, 1, c)) { fflush(stdout); return atoi(argv[++i]); }
        else if (!strcmp(c, "sleep") && need(i, argc, 1, c)) sleep_secs(atof(argv[++i]));
        else if (!strcmp(c, "trap")) {
            double secs = 3600;
            if (i + 1 < argc && argv[i + 1][0] >= '0' && argv[i + 1][0] <= '9') secs = atof(argv[++i]);
            p_trap(secs);
        } else if (!strcmp(c, "syscall") && need(i, argc, 1, c)) {
            const char *name = argv[++i];
            const char *arg = NULL;
            int takes = !strcmp(name, "mkdir") || !strcmp(name, "chmod") || !strcmp(name, "unshare") || !strcmp(name, "personality");
            if (takes && i + 1 < argc && (argv[i + 1][0] == '/' || (argv[i + 1][0] >= '0' && argv[i + 1][0] <= '9'))) arg = argv[++i];
            p_syscall(name, arg);
        } else if (!strcmp(c, "oom")) { p_oom();
        } else if (!strcmp(c, "personality")) { p_personality();
        } else if (!strcmp(c, "ioprio")) { p_ioprio();
        } else if (!strcmp(c, "sched")) { p_sched();
        } else if (!strcmp(c, "affinity")) { p_affinity();
        } else if (!strcmp(c, "timens")) { p_timens();
        } else if (!strcmp(c, "lsm")) { p_lsm();
        } else if (!strcmp(c, "kill-self") && need(i, argc, 1, c)) {
            int s = signum(argv[++i]);
            if (s <= 0) { fprintf(stderr, "probe: bad signal %s\n", argv[i]); return 2; }
            fflush(stdout);
            signal(s, SIG_DFL);
            kill(getpid(), s);
            sleep_secs(1);
            printf("kill-self=survived\n");
        } else if (!strcmp(c, "alloc") && need(i, argc, 1, c)) p_alloc(atol(argv[++i]));
        else if (!strcmp(c, "forkloop") && need(i, argc, 1, c)) p_forkloop(atol(argv[++i]));
        else if (!strcmp(c, "count")) p_count();
        else if (!strcmp(c, "hugealloc") && need(i, argc, 1, c)) p_hugealloc(atol(argv[++i]));
        else { fprintf(stderr, "probe: unknown command %s\n", c); return 2; }
    }
    return 0;
}
