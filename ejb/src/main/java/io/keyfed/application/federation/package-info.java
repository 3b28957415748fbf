/**
 * The federation engine: it sees what each operation changed (by comparing objects before and
 * after), writes the changes that rules select to the outbox in the same transaction, enforces
 * what replicas may do, delivers the outbox to peers through a {@link
 * io.keyfed.application.federation.PeerClient} port, and applies what peers send. It knows
 * nothing of sockets or JMS: those are infrastructure adapters.
 */
package io.keyfed.application.federation;
