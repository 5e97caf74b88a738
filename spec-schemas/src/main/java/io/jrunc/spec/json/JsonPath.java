package io.jrunc.spec.json;

/**
 * The one notation for places in a document, shared by parse errors and validation: dotted
 * member names, {@code [i]} for array elements and {@code ["key"]} for map entries, e.g.
 * {@code mounts[3].options}, {@code linux.sysctl["net.ipv4.ip_forward"]}. The root is "".
 */
public final class JsonPath {
    private JsonPath() {}

    /** A member of an object with fixed members (a record). */
    public static String member(String parent, String name) {
        if (!isIdentifier(name)) return key(parent, name);
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** Names that read unambiguously after a dot: letters, digits and _, not starting with a digit. */
    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
        }
        return true;
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
