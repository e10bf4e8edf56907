/**
 * The orders context (seeds 000–002): a customer orders products made from approved designs; the order
 * moves {@code created → confirmed → paid → assembled}, or ends {@code canceled} (before payment) or
 * {@code refunded} (after payment: from {@code paid}, or from {@code confirmed} when a charge whose answer never
 * came had gone through). Totals are exact.
 */
package dev.atelier.domain.orders;
