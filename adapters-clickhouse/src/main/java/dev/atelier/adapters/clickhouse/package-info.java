/**
 * The event log kept in ClickHouse, spoken to over its HTTP interface with the JDK's own client. Everything
 * here sticks to what both ClickHouse 18.16 (the version Debian ships) and current releases understand:
 * plain column types, {@code JSONEachRow} in and out, and SQL text without query parameters.
 */
package dev.atelier.adapters.clickhouse;
