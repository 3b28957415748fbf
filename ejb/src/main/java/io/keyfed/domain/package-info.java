/**
 * The domain: managed objects with their attributes and lifecycle, identities, and (later) the
 * federation's server entities and propagation rules. Rules live here, in the entities; the
 * application layer only finds, calls and stores.
 */
package io.keyfed.domain;
