/**
 * Reliable event publication, independent of any broker. Use cases append domain events to the
 * {@link dev.atelier.application.messaging.EventOutbox} inside their transaction; the
 * {@link dev.atelier.application.messaging.OutboxRelay} later hands committed events to an
 * {@link dev.atelier.application.messaging.EventPublisher} (Kafka in production) and marks them published.
 */
package dev.atelier.application.messaging;
