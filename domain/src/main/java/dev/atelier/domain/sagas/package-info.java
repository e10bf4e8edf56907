/**
 * The sagas context (seed 001): one orchestrated saga per order takes it through inventory, payment and
 * assembly, which are participants outside the service, and compensates in reverse when a step fails, times
 * out or the customer cancels. {@link dev.atelier.domain.sagas.FulfilmentSaga} is the whole rule set; it
 * returns the commands to send and the events to publish, and never does I/O itself.
 */
package dev.atelier.domain.sagas;
