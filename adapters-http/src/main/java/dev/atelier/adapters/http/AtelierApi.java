package dev.atelier.adapters.http;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * The REST API's OpenAPI document, written from the controllers when they compile and served at
 * {@code /swagger/atelier-1.0.yml}. A test compares it with the routes the running service has.
 */
@OpenAPIDefinition(info = @Info(title = "Atelier", version = "1.0",
        description = "Designs, orders and their fulfilment sagas, notifications, the dead-letter queue and the event log."
                + " JSON in snake_case; errors are application/problem+json."))
public final class AtelierApi {

    private AtelierApi() {
    }
}
