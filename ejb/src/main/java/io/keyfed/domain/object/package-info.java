/**
 * Managed Objects (KMIP 1.4 §2.2, 2.1 §2): their persisted form, their attributes, and the state
 * machine of KMIP 1.4 §3.22 / 2.1 §4.57 with the dates that go with each transition.
 */
package io.keyfed.domain.object;
