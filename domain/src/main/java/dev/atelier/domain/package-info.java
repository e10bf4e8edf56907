/**
 * The heart of Atelier: aggregates, value objects, domain events and the rules that guard them.
 * One package per bounded context plus a small shared kernel; nothing here imports a framework.
 */
package dev.atelier.domain;
