/**
 * An in-process message bus implementing the same messaging ports as the Kafka adapter, with the same
 * guarantees (per-key order, acknowledge-after-handling, redelivery after a failure). It passes the same
 * contract suite; use it where a broker would only slow things down.
 */
package dev.atelier.adapters.inmemory;
