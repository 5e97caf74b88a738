package io.jrunc.spec;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;

/**
 * The JSON Schemas (draft-07) of the documents jrunc reads and writes, written for this project
 * and shipped in this module's test-jar (never in the runtime), for tests here and in other modules:
 * e.g. check that {@code jrunc state} output validates against {@link #STATE}. They check shape and types only; the rules that need more
 * than one member at a time are {@link SpecValidator}'s.
 */
public enum Schemas {
    /** config.json (runtime-spec 1.2, with the Linux members of 1.3). */
    CONFIG("config-schema.json"),
    /** The output of {@code state}, an element of {@code list --format json}, or the OCI state. */
    STATE("state-schema.json"),
    /** The output of {@code features}. */
    FEATURES("features-schema.json");

    private static final String DIR = "/io/jrunc/spec/schema/";

    private final String fileName;

    Schemas(String fileName) {
        this.fileName = fileName;
    }

    /** The class path resource, e.g. {@code /io/jrunc/spec/schema/config-schema.json}. */
    public String resourcePath() {
        return DIR + fileName;
    }

    /** The schema's location on the class path. */
    public URL url() {
        URL url = Schemas.class.getResource(resourcePath());
        if (url == null) throw new UncheckedIOException(new FileNotFoundException(resourcePath()));
        return url;
    }

    /** A new stream of the schema's bytes; the caller closes it. */
    public InputStream open() {
        InputStream in = Schemas.class.getResourceAsStream(resourcePath());
        if (in == null) throw new UncheckedIOException(new FileNotFoundException(resourcePath()));
        return in;
    }
}
