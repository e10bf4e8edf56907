/**
 * The shared kernel: the few types every bounded context agrees on (typed identifiers, domain events,
 * the errors a rule can raise). Kept deliberately small so that it does not become a dumping ground.
 */
package dev.atelier.domain.shared;
