package io.keyfed.application.federation;

/**
 * Port: a peer's Put or Notify queued for the applying message-driven bean, inside the current
 * transaction (so the KMIP answer "accepted" and the queued message commit together). Changes of
 * one object are applied in order.
 */
public interface InboundQueue {

  void enqueue(String origin, String kind, String uniqueIdentifier, byte[] payload);
}
