/**
 * Use cases and the ports they need, one package per bounded context plus {@code shared} and
 * {@code messaging}. Plain Java: bootstrap wires these classes; adapters implement the ports.
 */
package dev.atelier.application;
