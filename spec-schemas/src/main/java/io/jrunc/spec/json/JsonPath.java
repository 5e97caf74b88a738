package io.jrunc.spec.json;

import java.util.regex.Pattern;

/**
 * The one notation for places in a document, shared by parse errors and validation: dotted
 * member names, {@code [i]} for array elements and {@code ["key"]} for map entries, e.g.
 * {@code mounts[3].options}, {@code linux.sysctl["net.ipv4.ip_forward"]}. The root is "".
 */
public final class JsonPath {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPath() {}

    /** A member of an object with fixed members (a record). */
    public static String member(String parent, String name) {
        if (!IDENTIFIER.matcher(name).matches()) return key(parent, name);
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** An element of an array. */
    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** An entry of a map, whose keys may hold dots or be empty. */
    public static String key(String parent, String key) {
        StringBuilder s = new StringBuilder(parent.length() + key.length() + 4).append(parent).append("[\"");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '"' || c == '\\') s.append('\\').append(c);
            else if (c < 0x20) s.append(String.format("\\u%04x", (int) c));
            else s.append(c);
        }
        return s.append("\"]").toString();
    }
}
