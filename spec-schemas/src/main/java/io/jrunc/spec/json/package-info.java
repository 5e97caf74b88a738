/**
 * Jackson plumbing behind {@link io.jrunc.spec.SpecJson}: strict number handling, Go-compatible
 * output (key escapes, indentation, times) and the translation of Jackson's failures into
 * {@link io.jrunc.spec.SpecException}s that name a JSON path. {@link io.jrunc.spec.json.RecordBinder}
 * reads config.json and process.json without Jackson's databind when it can be sure of Jackson's
 * answer, and leaves the rest to it.
 *
 * <p>The types here are public only because the model records in {@code io.jrunc.spec} carry their
 * annotations. They are not API: other modules go through {@code SpecJson}.
 */
package io.jrunc.spec.json;
