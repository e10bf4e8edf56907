/**
 * Use cases of the orders context: idempotent order intake checked against the context's own projection of
 * design events, listing, cancellation, and following the saga's progress.
 */
package dev.atelier.application.orders;
