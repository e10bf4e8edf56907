/**
 * Kafka adapter: publishes outbox events as CloudEvents (binary mode) and provisions the configured topics
 * with the AdminClient, so the service never relies on broker auto-creation.
 */
package dev.atelier.adapters.kafka;
