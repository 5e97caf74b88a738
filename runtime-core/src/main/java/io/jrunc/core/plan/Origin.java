package io.jrunc.core.plan;

/**
 * Where an op came from: the config path ({@code mounts[3]}, {@code linux.devices[0]},
 * {@code process.rlimits[1]}) and a short human label ({@code /proc}). Failures quote both, so an
 * error points at the exact field the user has to change.
 */
public record Origin(String path, String label) {
    public static Origin of(String path) {
        return new Origin(path, null);
    }

    public static Origin of(String path, String label) {
        return new Origin(path, label);
    }

    @Override
    public String toString() {
        return label == null || label.isEmpty() ? path : path + " (" + label + ")";
    }
}
