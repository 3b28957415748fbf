package io.keyfed.infrastructure.jms;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.federation.ReplicaApplier;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Applies peers' Put and Notify messages (unsealed: see {@link JmsFederationQueues}), in the message's transaction: the copy changes and the
 * message is consumed together. A message that cannot be applied is rethrown, redelivered, and
 * finally moved to the broker's dead-letter queue, which {@code GET /api/federation/inbound-dead-letters}
 * shows.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = JmsResources.INBOUND_QUEUE_NAME),
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = JmsResources.RESOURCE_ADAPTER),
    // One session: changes are applied in the order they arrived, which is each object's order
    // (a pool of sessions would apply a Notify beside the Put it follows).
    @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "1")})
public class InboundConsumer implements MessageListener {

  @Inject
  ReplicaApplier applier;

  @Inject
  ObjectSealer sealer;

  @Override
  public void onMessage(Message message) {
    try {
      if (!(message instanceof BytesMessage bm) || !bm.propertyExists("origin") || !bm.propertyExists("kind")) {
        throw new IllegalArgumentException("not a federation message: " + message.getJMSMessageID());
      }
      long length = bm.getBodyLength();
      if (length > 64L * 1024 * 1024) {
        throw new IllegalArgumentException("federation message of " + length + " bytes");
      }
      byte[] payload = new byte[(int) length];
      bm.readBytes(payload);
      if (bm.propertyExists("sealed") && bm.getBooleanProperty("sealed")) {
        payload = sealer.unseal(JmsFederationQueues.sealedFor(bm.getStringProperty("uid")), payload);
      }
      applier.apply(bm.getStringProperty("origin"), bm.getStringProperty("kind"), payload);
    } catch (JMSException e) {
      throw new IllegalStateException("unreadable federation message", e);
    }
  }
}
