/**
 * Federation (DESIGN.md §3): the servers this server knows ({@link io.keyfed.domain.federation.ServerEntity}),
 * the rules by which objects leave it ({@link io.keyfed.domain.federation.PropagationRule}), the
 * outbox of changes waiting for delivery, and the record of changes applied from peers, which
 * makes applying idempotent.
 */
package io.keyfed.domain.federation;
