package dev.atelier.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.bootstrap.Atelier;
import dev.atelier.bootstrap.testing.Http;
import dev.atelier.bootstrap.testing.SharedInfrastructure;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.Router;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI document the service serves, held against the routes the running service really has. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {

    private Atelier service;
    private Http http;
    private Map<String, Object> document;

    @BeforeAll
    void start() {
        service = SharedInfrastructure.startService(Map.of());
        http = new Http(URI.create(service.server().getURL().toString()));
        Http.Response served = http.get("/swagger/atelier-1.0.yml");
        assertThat(served.status()).isEqualTo(200);
        document = new Yaml().load(served.body());
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> paths() {
        return (Map<String, Map<String, Object>>) document.get("paths");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> responsesOf(String path, String method) {
        return (Map<String, Object>) ((Map<String, Object>) paths().get(path).get(method)).get("responses");
    }

    @Test
    void every_api_route_of_the_service_is_documented_and_nothing_else() {
        Set<String> routes = service.server().getApplicationContext().getBean(Router.class).uriRoutes()
                .filter(route -> route.getUriMatchTemplate().toPathString().startsWith("/api/"))
                // Micronaut answers HEAD for every GET by itself; OpenAPI leaves HEAD implied as well.
                .filter(route -> route.getHttpMethod() != HttpMethod.HEAD)
                .map(route -> route.getHttpMethod().name() + " " + route.getUriMatchTemplate().toPathString())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>();
        paths().forEach((path, operations) -> operations.keySet()
                .forEach(method -> documented.add(method.toUpperCase() + " " + path)));

        assertThat(routes).hasSizeGreaterThan(20);
        assertThat(documented).isEqualTo(routes);
    }

    @Test
    void every_operation_says_how_it_succeeds_and_that_errors_are_problem_json() {
        paths().forEach((path, operations) -> operations.keySet().forEach(method -> {
            Map<String, Object> responses = responsesOf(path, method);
            String operation = method + " " + path;
            assertThat(responses.keySet()).as(operation).anyMatch(code -> code.startsWith("2")).contains("4XX", "5XX");
            assertThat(responses.get("4XX").toString()).as(operation).contains("application/problem+json");
            assertThat(responses.get("5XX").toString()).as(operation).contains("application/problem+json");
            responses.forEach((code, response) -> {
                if (code.startsWith("2") && !code.equals("204")) {
                    assertThat(((Map<?, ?>) response).get("content")).as(operation + " " + code + " has a body")
                            .isNotNull();
                }
            });
        }));
        assertThat(responsesOf("/api/orders", "post")).containsKey("201").doesNotContainKey("200");
        assertThat(responsesOf("/api/designs", "post")).containsKey("201");
        assertThat(responsesOf("/api/orders/{id}/cancel", "post")).containsKey("202");
        assertThat(responsesOf("/api/dlq/{id}", "delete")).containsKey("204");
    }

    /** The same paths {@code OperatorTokenFilter} guards, and no others, ask for the operator's bearer token. */
    @Test
    @SuppressWarnings("unchecked")
    void the_operator_endpoints_and_only_they_declare_the_operator_token() throws Exception {
        String[] filtered = Class.forName("dev.atelier.adapters.http.OperatorTokenFilter")
                .getAnnotation(ServerFilter.class).value();
        assertThat(document).as("no token asked for by default, at the document's root").doesNotContainKey("security");
        Map<String, Object> scheme = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                document.get("components")).get("securitySchemes")).get("operator_token");
        assertThat(scheme).containsEntry("type", "http").containsEntry("scheme", "bearer");
        Set<String> guarded = new TreeSet<>();
        paths().forEach((path, operations) -> operations.forEach((method, operation) -> {
            Object security = ((Map<String, Object>) operation).get("security");
            if (security != null) {
                assertThat(security.toString()).as(method + " " + path).isEqualTo("[{operator_token=[]}]");
                guarded.add(method + " " + path);
            }
        }));
        Set<String> operatorPaths = new TreeSet<>();
        paths().forEach((path, operations) -> operations.keySet().stream()
                .filter(method -> Arrays.stream(filtered).anyMatch(pattern -> pattern.endsWith("/**")
                        ? path.startsWith(pattern.substring(0, pattern.length() - 2)) : path.equals(pattern)))
                .forEach(method -> operatorPaths.add(method + " " + path)));

        assertThat(operatorPaths).contains("get /api/dlq", "post /api/outbox/{position}/park", "get /api/logs/stats");
        assertThat(guarded).isEqualTo(operatorPaths);
    }

    @Test
    void field_names_are_the_snake_case_ones_the_api_speaks() {
        String schemas = document.get("components").toString();
        assertThat(schemas).contains("customer_id", "unit_price", "design_id", "new_status")
                .doesNotContain("customerId", "unitPrice", "designId", "newStatus");
    }
}
