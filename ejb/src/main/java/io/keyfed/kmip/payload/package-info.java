/**
 * Typed request and response payloads, one pair per operation (KMIP 1.4 §4, 2.1 §6). Each decodes
 * from and encodes to the generic tree for a given protocol version, so that the server and the
 * project's own client (and a server acting as a client of a peer) share one definition.
 */
package io.keyfed.kmip.payload;
