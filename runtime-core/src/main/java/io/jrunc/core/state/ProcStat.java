package io.jrunc.core.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The two fields of /proc/PID/stat jrunc needs: state and start time. */
public record ProcStat(char state, long startTime) {

    /** Null when the process does not exist. */
    public static ProcStat of(int pid) {
        if (pid <= 0) return null;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // comm (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new ProcStat(f[0].charAt(0), Long.parseLong(f[19]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Alive and the same process we started: not a zombie, not a dead one, same start time. */
    public static boolean isOurs(int pid, long startTime) {
        ProcStat s = of(pid);
        return s != null && s.startTime() == startTime && s.state() != 'Z' && s.state() != 'X';
    }
}
