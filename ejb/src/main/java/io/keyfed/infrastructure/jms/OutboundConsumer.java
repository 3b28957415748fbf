package io.keyfed.infrastructure.jms;

import io.keyfed.application.federation.DeliveryService;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Starts delivering a peer's outbox when a change was committed for it. No transaction: the
 * delivery makes network calls and records each outcome in a transaction of its own; a lost
 * signal only delays delivery until the next sweep.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = JmsResources.OUTBOUND_QUEUE_NAME),
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = JmsResources.RESOURCE_ADAPTER),
    @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "4")})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboundConsumer implements MessageListener {

  @Inject
  DeliveryService delivery;

  @Override
  public void onMessage(Message message) {
    try {
      if (message.propertyExists("target")) {
        delivery.drain(message.getLongProperty("target"));
      }
    } catch (JMSException e) {
      throw new IllegalStateException("unreadable outbound signal", e);
    }
  }
}
