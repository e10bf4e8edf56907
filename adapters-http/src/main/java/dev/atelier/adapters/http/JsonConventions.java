package dev.atelier.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.atelier.adapters.http.problem.UnstorableTextException;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Locale;

/**
 * The API's JSON rules in one place: snake_case names, every field present (null rather than missing),
 * ISO-8601 times, and no silent type coercion (except a decimal written as a string) — a
 * number where text is expected (or the reverse), or an object where a list is, is a 400, not a guess; so is
 * text that cannot be stored as it came (a NUL character, half of a surrogate pair).
 */
@Singleton
class JsonConventions implements BeanCreatedEventListener<ObjectMapper> {

    @Override
    public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
        ObjectMapper mapper = event.getBean();
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        // Every documented field is always present, null or empty as it may be: clients need not guess.
        mapper.setSerializationInclusion(JsonInclude.Include.ALWAYS);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // Micronaut turns this on; an object where a list belongs is a mistake to report, not a list of one.
        mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        // Decimals (prices) may come as strings, "19.99", which clients use to avoid binary floating point.

        // Every string of a request goes through StorableText, which reads it as Jackson does (with the textual
        // coercion rules above) and refuses what could not be stored as it came.
        mapper.registerModule(new SimpleModule("storable-text").addDeserializer(String.class, new StorableText()));
        return mapper;
    }

    /**
     * Jackson's own reading of a string (with the coercion rules above), then a refusal of what no stored text
     * can hold as it came: the NUL character, and half of a surrogate pair. A request with either is malformed,
     * not a failure of the service, nor something to keep in another form than the one it was answered with.
     */
    static final class StorableText extends StdScalarDeserializer<String> {

        StorableText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            String fault = text == null ? null : faultOf(text);
            if (fault != null) {
                throw new UnstorableTextException(parser, fault);
            }
            return text;
        }

        /** What keeps the text from being stored as it is, completing "field ..."; null when nothing does. */
        static String faultOf(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\0') {
                    return "must not contain the NUL character (\\u0000)";
                }
                boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (pair) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return String.format(Locale.ROOT, "must not contain half of a surrogate pair (\\u%04X) alone",
                            (int) c);
                }
            }
            return null;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }
}
