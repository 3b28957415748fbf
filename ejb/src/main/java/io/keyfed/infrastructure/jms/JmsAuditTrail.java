package io.keyfed.infrastructure.jms;

import io.keyfed.application.AuditTrail;
import io.keyfed.domain.audit.AuditEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Audit events to the log and, asynchronously, to the audit queue, whose consumer stores them.
 * Events travel as MapMessages (not ObjectMessages, which brokers rightly refuse to deserialise
 * by default). A broker outage is logged and does not fail the operation being audited; the log line remains.
 */
@ApplicationScoped
public class JmsAuditTrail implements AuditTrail {

  private static final Logger LOG = Logger.getLogger("io.keyfed.audit");

  @Resource(lookup = JmsResources.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Resource(lookup = JmsResources.AUDIT_QUEUE)
  Queue queue;

  @Override
  public void record(AuditEvent e) {
    LOG.info(() -> String.format("audit actor=%s channel=%s action=%s object=%s result=%s%s",
        e.actor(), e.channel(), e.action(), e.uniqueIdentifier(), e.result(), e.reason() == null ? "" : " reason=" + e.reason()));
    // The JMS 1.1 API: the ActiveMQ resource adapter does not implement JMSContext.
    try (Connection c = connectionFactory.createConnection()) {
      Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MapMessage m = session.createMapMessage();
      AuditMessages.write(e, m);
      MessageProducer producer = session.createProducer(queue);
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      producer.send(m);
    } catch (JMSException | RuntimeException ex) {
      LOG.log(Level.WARNING, "audit event not queued (kept in the log only): " + ex);
    }
  }
}
