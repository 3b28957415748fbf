package io.keyfed.infrastructure.jms;

import io.keyfed.domain.audit.AuditRecord;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.MapMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Stores audit events from the audit queue. A message that is not an audit event is rethrown as a
 * failure, so the broker's redelivery policy moves it to the dead-letter queue rather than losing
 * it silently.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = JmsResources.AUDIT_QUEUE_NAME),
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = JmsResources.RESOURCE_ADAPTER),
    @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "4")})
public class AuditConsumer implements MessageListener {

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Override
  public void onMessage(Message message) {
    try {
      if (!(message instanceof MapMessage mm)) {
        throw new IllegalArgumentException("not an audit event: " + message.getJMSMessageID());
      }
      for (io.keyfed.domain.audit.AuditEvent e : AuditMessages.read(mm)) {
        em.persist(AuditRecord.of(e));
      }
    } catch (JMSException e) {
      throw new IllegalStateException("unreadable audit message", e);
    }
  }
}
