/**
 * Use cases of the sagas context: start a saga for each new order, feed it participants' replies, fire
 * deadlines, pass on a customer's cancellation, and show a saga's timeline.
 */
package dev.atelier.application.sagas;
