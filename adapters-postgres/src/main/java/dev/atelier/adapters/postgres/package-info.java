/**
 * PostgreSQL adapter: implements the storage ports of the application with plain JDBC on the connection of
 * the current Micronaut transaction (outside one, each statement commits by itself), and owns the schema (Flyway,
 * {@code db/migration}).
 */
package dev.atelier.adapters.postgres;
