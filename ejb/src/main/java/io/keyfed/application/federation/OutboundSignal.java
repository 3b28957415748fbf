package io.keyfed.application.federation;

/**
 * Port: tells the delivery side that a peer has new outbox entries. The JMS adapter sends the
 * signal inside the current transaction, so it exists only if the entries were committed.
 */
public interface OutboundSignal {

  void wake(long targetServerId);
}
