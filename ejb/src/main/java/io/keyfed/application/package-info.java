/**
 * The application layer: the KMIP request loop (batch items, ID Placeholder, errors to Result
 * Reasons), the dispatch of each batch item to its operation handler, and the ports the handlers
 * use (repository, sealing of key material, clock).
 */
package io.keyfed.application;
