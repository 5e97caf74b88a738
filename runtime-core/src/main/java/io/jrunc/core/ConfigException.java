package io.jrunc.core;

/** A config.json value jrunc cannot apply; the message starts with the config path at fault. */
public final class ConfigException extends JruncException {
    private final String path;

    public ConfigException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
