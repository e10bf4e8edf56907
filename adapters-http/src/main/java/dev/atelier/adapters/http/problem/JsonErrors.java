package dev.atelier.adapters.http.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Says in plain words what was wrong with a JSON body, instead of handing the client Jackson's internals
 * (class names, coercion settings, reference chains).
 */
final class JsonErrors {

    private JsonErrors() {
    }

    record Explanation(String field, String message) {
    }

    /** Looks through the cause chain: Micronaut wraps Jackson's exception in its own conversion error. */
    static Optional<Explanation> explain(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            Optional<Explanation> explanation = explainOne(cause);
            if (explanation.isPresent()) {
                return explanation;
            }
        }
        return Optional.empty();
    }

    private static Optional<Explanation> explainOne(Throwable cause) {
        if (cause instanceof UnstorableTextException unstorable) {
            String field = fieldOf(unstorable);
            return Optional.of(new Explanation(field.isEmpty() ? null : field,
                    (field.isEmpty() ? "the body" : field) + " " + unstorable.reason()));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldOf(mapping);
            String expected = mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                    ? "expected " + jsonTypeOf(mismatch.getTargetType())
                    : firstLine(mapping.getOriginalMessage());
            return Optional.of(new Explanation(field, field + " has the wrong type: " + expected));
        }
        if (cause instanceof JsonMappingException mapping) {
            // The body as a whole has the wrong shape (an array where an object belongs, say); Jackson's own
            // message would name the Java class it was reading into.
            String expected = mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                    ? jsonTypeOf(mismatch.getTargetType()) : "a different shape";
            return Optional.of(new Explanation(null, "the body has the wrong type: expected " + expected));
        }
        if (cause instanceof JsonProcessingException parsing) {
            JsonLocation at = parsing.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            return Optional.of(new Explanation(null, "malformed JSON: " + firstLine(parsing.getOriginalMessage()) + where));
        }
        return Optional.empty();
    }

    /** The JSON path of the value, {@code items[0].sku}; empty for the body itself. */
    private static String fieldOf(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String jsonTypeOf(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable value";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
