package io.jrunc.spec.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A value of the right JSON type that is still wrong (a negative uid, a malformed time), with the
 * exact words to show. Being a Jackson mapping exception, it collects the JSON path on its way out.
 */
public final class DetailedMismatchException extends MismatchedInputException {
    private final String detail;

    public DetailedMismatchException(JsonParser p, Class<?> targetType, String detail) {
        super(p, detail, targetType);
        this.detail = detail;
    }

    /** The message for a person, without the path. */
    public String detail() {
        return detail;
    }
}
