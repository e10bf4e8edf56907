/**
 * Sandbox participants: inventory, payments and assembly played over their real command and reply topics,
 * for demos and for anyone integrating, with deterministic triggers the way payment providers publish test
 * card numbers. They answer each command id once and repeat that answer to a re-sent command.
 */
package dev.atelier.application.sandbox;
