package dev.atelier.adapters.http.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON string that holds the NUL character (U+0000). No text the service stores may hold one
 * (PostgreSQL's text and jsonb cannot), so the API refuses it as a malformed request instead of failing when it
 * writes it.
 */
public final class NulInTextException extends JsonMappingException {

    public NulInTextException(JsonParser parser) {
        super(parser, "text must not contain the NUL character (\\u0000)");
    }
}
