package io.keyfed.application.federation;

/**
 * Port: a peer's Put or Notify queued for the applying message-driven bean, inside the current
 * transaction (so the KMIP answer "accepted" and the queued message commit together). Changes of
 * one object are applied in order.
 */
public interface InboundQueue {

  void enqueue(String origin, String kind, String uniqueIdentifier, byte[] payload);

  /** A peer's change that could not be applied after the broker's redeliveries, set aside. */
  record DeadChange(String messageId, String origin, String kind, String uniqueIdentifier, java.time.Instant queuedAt,
      String cause) {}

  /** The peers' changes in the broker's dead-letter queue, oldest first, at most {@code max}. */
  java.util.List<DeadChange> deadChanges(int max);
}
