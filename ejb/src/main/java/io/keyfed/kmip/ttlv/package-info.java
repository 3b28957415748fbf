/**
 * KMIP's binary encoding, TTLV (Tag, Type, Length, Value; KMIP 1.4 §9.1, 2.1 §9.1): bytes to a
 * generic tree of {@link io.keyfed.kmip.ttlv.Ttlv} items and back, with strict limits on untrusted
 * input. Knows nothing of messages, operations or the application server.
 */
package io.keyfed.kmip.ttlv;
