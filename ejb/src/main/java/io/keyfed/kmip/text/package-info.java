/**
 * What the KMIP text encodings (KMIP Additional Message Encodings v1.0: XML §6.1, JSON §4.1)
 * share: how each item type's value is written as text (enumeration and mask names, hex, ISO-8601
 * date-times), which enumeration a value's names come from (a 1.x Attribute Value takes the one of
 * the attribute its sibling Attribute Name names), and the one exception type with a position.
 * Pure Java, no jakarta imports: the command-line converter uses it too.
 */
package io.keyfed.kmip.text;
