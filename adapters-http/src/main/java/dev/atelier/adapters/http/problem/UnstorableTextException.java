package dev.atelier.adapters.http.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON string that no stored text can hold as it was sent: one with the NUL character (U+0000), which
 * PostgreSQL's text and jsonb refuse, or with half of a UTF-16 surrogate pair (an escaped D800 with no DC00
 * after it, say), which is no character at all and would be stored as "?". The API refuses it as a malformed request
 * instead of failing when it writes it, or keeping something other than what it answered.
 */
public final class UnstorableTextException extends JsonMappingException {

    private final String reason;

    /** @param reason what is wrong with the text, completing "field ..." */
    public UnstorableTextException(JsonParser parser, String reason) {
        super(parser, "text " + reason);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
