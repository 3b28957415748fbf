/**
 * A KMIP client over TLS, built on the same codec and payloads as the server: used by the tests,
 * the load generator, and by a Keyfed server when it talks to a peer (Put, Notify, forwarding).
 */
package io.keyfed.kmip.client;
