/**
 * The deployable service: decides the run mode, starts embedded infrastructure when nothing external is
 * configured, wires the application's use cases to the adapters, and runs the background workers.
 */
package dev.atelier.bootstrap;
