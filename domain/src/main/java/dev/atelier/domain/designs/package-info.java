/**
 * The designs context (seed 000): people upload designs, which move through a review before customers
 * may order products made from them. {@link dev.atelier.domain.designs.Design} guards every transition and
 * returns the event it causes.
 */
package dev.atelier.domain.designs;
