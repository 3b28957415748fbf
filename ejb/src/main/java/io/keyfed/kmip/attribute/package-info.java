/**
 * One internal model of KMIP attributes for every protocol version. KMIP 1.x sends attributes as
 * Attribute structures (Attribute Name, Attribute Index, Attribute Value) and Template-Attributes;
 * KMIP 2.x sends them as typed items in an Attributes structure, with Vendor Attributes for custom
 * ones. Both are converted on arrival to {@link io.keyfed.kmip.attribute.Attribute} and back for
 * the version of the response, so handlers never branch on the wire version.
 */
package io.keyfed.kmip.attribute;
