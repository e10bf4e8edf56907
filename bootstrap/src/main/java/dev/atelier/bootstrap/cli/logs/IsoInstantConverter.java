package dev.atelier.bootstrap.cli.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --from} and {@code --to}: an ISO-8601 instant, as the REST API takes it. */
public class IsoInstantConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("expected an ISO-8601 instant such as 2026-11-22T10:00:00Z, got '"
                    + value + "'");
        }
    }
}
