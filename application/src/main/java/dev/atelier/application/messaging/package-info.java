/**
 * Reliable event publication, independent of any broker. Use cases append domain events to the
 * {@link dev.atelier.application.messaging.EventOutbox} inside their transaction (a repository may also store an
 * event with the change it announces, atomically, as {@code Orders} does for a new order); the
 * {@link dev.atelier.application.messaging.OutboxRelay} later hands committed events to an
 * {@link dev.atelier.application.messaging.EventPublisher} (Kafka in production) and takes them out of the outbox.
 */
package dev.atelier.application.messaging;
