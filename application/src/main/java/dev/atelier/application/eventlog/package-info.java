/**
 * The event log: an account of every message produced and consumed, every notification attempt and every
 * warning of the service, kept outside the business data. Producers hand entries to {@link
 * dev.atelier.application.eventlog.EventLog}, which buffers them and writes them in batches to an {@link
 * dev.atelier.application.eventlog.EventLogStore} (ClickHouse in production, PostgreSQL in the embedded mode)
 * without ever holding up the business flow that produced them.
 */
package dev.atelier.application.eventlog;
