/**
 * The KMIP JSON encoding (KMIP Additional Message Encodings v1.0 §4.1):
 * {@link io.keyfed.kmip.json.KmipJson} turns a {@link io.keyfed.kmip.ttlv.Ttlv} tree into
 * {@code {"tag": ..., "type": ..., "value": ...}} objects and back, with a small strict JSON reader
 * of its own (bounded size and depth, exact positions in errors). No jakarta imports: the
 * command-line converter uses it too.
 */
package io.keyfed.kmip.json;
