/**
 * The attribute rules of KMIP 1.0–2.1 as data (attribute-rules.json, one entry per attribute with
 * the facts of the specification's rules tables) and the questions the operations ask of them.
 */
package io.keyfed.domain.attribute;
