package io.jrunc.spec.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import java.io.IOException;

/**
 * The layout of Go's {@code json.MarshalIndent(v, "", indent)}: every member and element on its
 * own line, {@code "key": value}, and {@code []} / {@code {}} for empty containers. runc prints
 * {@code spec} with a tab, {@code state} with two spaces and {@code features} with four;
 * Jackson's default printer differs in all three places ({@code "key" : v}, inline arrays, {@code [ ]}).
 */
public final class GoIndentPrinter implements PrettyPrinter, Instantiatable<GoIndentPrinter> {
    private final String indent;
    private int depth;

    public GoIndentPrinter(String indent) {
        this.indent = indent;
    }

    @Override
    public GoIndentPrinter createInstance() {
        return new GoIndentPrinter(indent);
    }

    private void newline(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
        for (int i = 0; i < depth; i++) g.writeRaw(indent);
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        g.writeRaw('{');
        depth++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        newline(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        newline(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
        depth--;
        if (nrOfEntries > 0) newline(g);
        g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        g.writeRaw('[');
        depth++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        newline(g);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        newline(g);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
        depth--;
        if (nrOfValues > 0) newline(g);
        g.writeRaw(']');
    }
}
