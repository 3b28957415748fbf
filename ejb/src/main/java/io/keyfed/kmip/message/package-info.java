/**
 * KMIP messages (KMIP 1.4 §6–7, 2.1 §8–9): request and response messages with their headers and
 * batch items, typed from and to the generic {@link io.keyfed.kmip.ttlv.Ttlv} tree, for every
 * protocol version. Pure Java; knows nothing of transports or the application server.
 */
package io.keyfed.kmip.message;
