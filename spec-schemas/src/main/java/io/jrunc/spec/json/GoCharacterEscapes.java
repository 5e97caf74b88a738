package io.jrunc.spec.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * String escapes as Go's encoding/json (the Go 1.19 that builds runc 1.1) writes them, so our
 * output matches runc's byte for byte: {@code <}, {@code >} and {@code &} as backslash-u003c etc.
 * (HTML-safe by default in Go), U+2028/U+2029 escaped, {@code \n \r \t} short, and every other
 * control character as a lowercase backslash-u00xx (Jackson would write {@code \b}, {@code \f} and
 * uppercase hex).
 */
public final class GoCharacterEscapes extends CharacterEscapes {
    private static final SerializedString[] ASCII = new SerializedString[128];
    private static final int[] CODES;
    private static final SerializedString LS = new SerializedString("\\u2028");
    private static final SerializedString PS = new SerializedString("\\u2029");

    static {
        int[] codes = standardAsciiEscapesForJSON();
        for (int c = 0; c < 0x20; c++) {
            if (c == '\n' || c == '\r' || c == '\t') continue;
            codes[c] = ESCAPE_CUSTOM;
            ASCII[c] = new SerializedString(String.format("\\u%04x", c));
        }
        for (char c : new char[] {'<', '>', '&'}) {
            codes[c] = ESCAPE_CUSTOM;
            ASCII[c] = new SerializedString(String.format("\\u%04x", (int) c));
        }
        CODES = codes;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return CODES;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch < 128) return ASCII[ch];
        if (ch == 0x2028) return LS;
        if (ch == 0x2029) return PS;
        return null;
    }
}
