package dev.atelier.adapters.http;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The REST API's OpenAPI document, written from the controllers when they compile and served at
 * {@code /swagger/atelier-1.0.yml}. A test compares it with the routes the running service has. The operator's
 * controllers declare {@link #OPERATOR_TOKEN}, which {@link OperatorTokenFilter} enforces when a token is set.
 */
@OpenAPIDefinition(info = @Info(title = "Atelier", version = "1.0",
        description = "Designs, orders and their fulfilment sagas, notifications, the dead-letter queue and the event log."
                + " JSON in snake_case; errors are application/problem+json."))
@SecurityScheme(name = AtelierApi.OPERATOR_TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The value of OPERATOR_TOKEN. Asked for only when the service runs with OPERATOR_TOKEN set;"
                + " without it (401) the operator endpoints answer application/problem+json.")
public final class AtelierApi {

    /** The security scheme of the operator endpoints: dead letters, the outbox and the event log. */
    public static final String OPERATOR_TOKEN = "operator_token";

    private AtelierApi() {
    }
}
