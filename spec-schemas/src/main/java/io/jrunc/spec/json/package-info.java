/**
 * Jackson plumbing behind {@link io.jrunc.spec.SpecJson}: strict number handling, Go-compatible
 * output (key escapes, indentation, times) and the JSON paths that
 * {@code io.jrunc.spec.ErrorTranslator} puts in a {@link io.jrunc.spec.SpecException}. Nothing here
 * names a model type: the dependency points from {@code io.jrunc.spec} to this package only.
 * {@link io.jrunc.spec.json.RecordBinder} reads config.json and process.json without Jackson's databind when it can be sure of Jackson's
 * answer, and leaves the rest to it.
 *
 * <p>The types here are public only because the model records in {@code io.jrunc.spec} carry their
 * annotations. They are not API: other modules go through {@code SpecJson}.
 */
package io.jrunc.spec.json;
