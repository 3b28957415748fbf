package io.keyfed.infrastructure.jms;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.federation.InboundQueue;
import io.keyfed.application.federation.OutboundSignal;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

/**
 * The federation's two queues. Both sends join the caller's JTA transaction (the connection
 * factory is XA), so a signal or an inbound message exists exactly when the change or the
 * acknowledgement it belongs to was committed. Inbound messages of one object share a JMS message
 * group, so the broker hands them to one consumer at a time, in order.
 *
 * <p>An inbound Put carries the object with its key material: it is sealed under the master key
 * before it is queued ({@link #sealedFor}) and unsealed by {@link InboundConsumer}, so the broker's
 * journal on disk — the embedded broker's or the corporate one's — never holds a key in clear.
 */
@ApplicationScoped
public class JmsFederationQueues implements OutboundSignal, InboundQueue {

  @Resource(lookup = JmsResources.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Resource(lookup = JmsResources.OUTBOUND_QUEUE)
  Queue outbound;

  @Resource(lookup = JmsResources.INBOUND_QUEUE)
  Queue inbound;

  @Inject
  ObjectSealer sealer;

  /** The associated data that binds a sealed inbound message to its object (not a stored object's). */
  static String sealedFor(String uniqueIdentifier) {
    return "keyfed-inbound:" + uniqueIdentifier;
  }

  @Override
  public void wake(long targetServerId) {
    send(outbound, s -> {
      Message m = s.createMessage();
      m.setLongProperty("target", targetServerId);
      return m;
    }, DeliveryMode.NON_PERSISTENT);
  }

  @Override
  public void enqueue(String origin, String kind, String uniqueIdentifier, byte[] payload) {
    send(inbound, s -> {
      BytesMessage m = s.createBytesMessage();
      m.setStringProperty("origin", origin);
      m.setStringProperty("kind", kind);
      m.setStringProperty("JMSXGroupID", uniqueIdentifier);
      m.setStringProperty("uid", uniqueIdentifier);
      m.setBooleanProperty("sealed", true);
      m.writeBytes(sealer.seal(sealedFor(uniqueIdentifier), payload));
      return m;
    }, DeliveryMode.PERSISTENT);
  }

  /**
   * The broker's dead-letter queue ({@code ActiveMQ.DLQ}, where ActiveMQ and Artemis's OpenWire
   * put a message after its redeliveries), browsed — nothing is taken off it — for our messages.
   */
  @Override
  public java.util.List<DeadChange> deadChanges(int max) {
    java.util.List<DeadChange> out = new java.util.ArrayList<>();
    try (Connection c = connectionFactory.createConnection()) {
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      c.start();
      try (jakarta.jms.QueueBrowser b = s.createBrowser(s.createQueue(DEAD_LETTER_QUEUE))) {
        java.util.Enumeration<?> e = b.getEnumeration();
        while (e.hasMoreElements() && out.size() < max) {
          Message m = (Message) e.nextElement();
          if (!m.propertyExists("origin") || !m.propertyExists("kind")) {
            continue;
          }
          out.add(new DeadChange(m.getJMSMessageID(), m.getStringProperty("origin"), m.getStringProperty("kind"),
              m.getStringProperty("JMSXGroupID"), java.time.Instant.ofEpochMilli(m.getJMSTimestamp()),
              m.propertyExists("dlqDeliveryFailureCause") ? m.getStringProperty("dlqDeliveryFailureCause") : null));
        }
      }
    } catch (JMSException e) {
      throw new IllegalStateException("cannot browse the dead-letter queue: " + e.getMessage(), e);
    }
    return out;
  }

  static final String DEAD_LETTER_QUEUE = "ActiveMQ.DLQ";

  private interface Build {
    Message build(Session s) throws JMSException;
  }

  private void send(Queue q, Build b, int mode) {
    try (Connection c = connectionFactory.createConnection()) {
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer p = s.createProducer(q);
      p.setDeliveryMode(mode);
      p.send(b.build(s));
    } catch (JMSException e) {
      // The caller's transaction must not commit without its message.
      throw new IllegalStateException("cannot queue the federation message: " + e.getMessage(), e);
    }
  }
}
