package io.keyfed.infrastructure.jms;

import io.keyfed.domain.audit.AuditEvent;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.List;

/**
 * Puts one batch of audit events on the audit queue, as one message, in a transaction of its own, for
 * {@link JmsAuditTrail}'s sender thread: the whole batch or none of it, with one commit. The
 * transaction is JTA, not a transacted JMS session: in the container the {@code transacted}
 * argument is ignored and {@code Session.commit()} is refused (Jakarta Messaging 3.1 §12.3; the
 * ActiveMQ adapter answers "Not a transacted session"); its connection factory is XA and joins
 * the container's transaction instead.
 */
@Stateless
public class AuditBatchSender {

  @Resource(lookup = JmsResources.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Resource(lookup = JmsResources.AUDIT_QUEUE)
  Queue queue;

  @Resource
  SessionContext context;

  /** @throws JMSException when the broker refuses or is unreachable; nothing of the batch is sent */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void send(List<AuditEvent> batch) throws JMSException {
    try (Connection c = connectionFactory.createConnection()) {
      Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer = session.createProducer(queue);
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      // One message for the whole batch: its consumer then stores the batch in one transaction
      // (one two-phase commit per batch, not per event — that was the main cost under load).
      MapMessage m = session.createMapMessage();
      AuditMessages.write(batch, m);
      producer.send(m);
    } catch (JMSException e) {
      // A checked exception does not roll back by itself; a partial batch must not be committed.
      context.setRollbackOnly();
      throw e;
    }
  }
}
