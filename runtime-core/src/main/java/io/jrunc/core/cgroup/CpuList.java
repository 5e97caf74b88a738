package io.jrunc.core.cgroup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A kernel CPU or memory node list ("0-3,7") expanded, as runc's stats report cpuset.cpus and .mems. */
public final class CpuList {
    private CpuList() {}

    public static List<Integer> parse(String text) throws IOException {
        List<Integer> out = new ArrayList<>();
        String s = text.trim();
        if (s.isEmpty()) return out;
        for (String part : s.split(",")) {
            String[] range = part.split("-", -1);
            try {
                switch (range.length) {
                    case 1 -> out.add(Integer.parseInt(range[0]));
                    case 2 -> {
                        int from = Integer.parseInt(range[0]), to = Integer.parseInt(range[1]);
                        for (int i = from; i <= to; i++) out.add(i);
                    }
                    default -> throw new IOException("invalid cpu list \"" + s + "\"");
                }
            } catch (NumberFormatException e) {
                throw new IOException("invalid cpu list \"" + s + "\"");
            }
        }
        return out;
    }
}
