/**
 * REST adapter: controllers translate HTTP to use-case commands and back; every error leaves as
 * {@code application/problem+json} (RFC 9457).
 */
package dev.atelier.adapters.http;
