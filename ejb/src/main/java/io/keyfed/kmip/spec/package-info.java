/**
 * The KMIP specification as data: tags, item types, enumerations and masks of KMIP 1.0-2.1 (and
 * the 3.0 additions the OASIS test cases use), generated at build time from the JSON tables in
 * {@code src/main/spec}, plus the few hand-written types the generated code builds on.
 */
package io.keyfed.kmip.spec;
