/**
 * Use cases of the notifications context: decide who is told what about each event (and write it down in
 * the event's transaction), deliver with retries and backoff, list, and send arbitrary notifications.
 */
package dev.atelier.application.notifications;
