package io.keyfed.infrastructure.jms;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.federation.InboundChange;
import io.keyfed.application.federation.InboundQueue;
import io.keyfed.application.federation.Lanes;
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
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The federation's two queues. Both sends join the caller's JTA transaction (the connection
 * factory is XA), so a signal or an inbound message exists exactly when the change or the
 * acknowledgement it belongs to was committed.
 *
 * <p>Inbound changes are queued once per transaction, not once per change: {@link #enqueue} collects
 * them, and when the transaction is about to commit they go as one message (per peer), in the
 * order they were enqueued — the items of one KMIP request message under Undo, up to the outbox's
 * run of 100 changes, become one message per {@link Lanes lane} that the lane's {@link InboundConsumer}
 * applies in one transaction.
 * A message carries the Unique Identifiers of its changes in the property {@code uid}, and their
 * kinds in {@code kind}, one per line; {@code changes} their number. Sending fails the commit: the
 * peer's request is answered with a failure, never accepted without its message.
 *
 * <p>An inbound Put carries the object with its key material: the message body is sealed under the
 * master key before it is queued ({@link #sealedFor}, bound to the identifiers it carries) and
 * unsealed by {@link InboundConsumer}, so the broker's journal on disk — the embedded broker's or
 * the corporate one's — never holds a key in clear.
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

  @Resource
  TransactionSynchronizationRegistry registry;

  /**
   * The associated data that binds a sealed inbound message to the objects it changes (its
   * property {@code uid}), not to a stored object's.
   */
  static String sealedFor(String uniqueIdentifiers) {
    return "keyfed-inbound:" + uniqueIdentifiers;
  }

  @Override
  public void wake(long targetServerId) {
    send(outbound, s -> {
      Message m = s.createMessage();
      m.setLongProperty("target", targetServerId);
      return m;
    }, DeliveryMode.NON_PERSISTENT);
  }

  /** The key of the transaction's collected changes in the synchronization registry. */
  private static final Object COLLECTED = JmsFederationQueues.class.getName() + ".collected";

  @Override
  public void enqueue(String origin, String kind, String uniqueIdentifier, byte[] payload) {
    InboundChange change = new InboundChange(kind, uniqueIdentifier, payload);
    if (registry.getTransactionKey() == null) {
      send(origin, List.of(change));
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, List<InboundChange>> collected = (Map<String, List<InboundChange>>) registry.getResource(COLLECTED);
    if (collected == null) {
      Map<String, List<InboundChange>> mine = new LinkedHashMap<>();
      registry.putResource(COLLECTED, mine);
      // Interposed: after the persistence context's own synchronization, just before the
      // resources prepare; the JMS session enlists in the transaction then.
      registry.registerInterposedSynchronization(new Synchronization() {
        @Override
        public void beforeCompletion() {
          // (A transaction marked for rollback is not committed: nothing to send.)
          if (registry.getTransactionStatus() != Status.STATUS_MARKED_ROLLBACK) {
            mine.forEach(JmsFederationQueues.this::send);
          }
        }

        @Override
        public void afterCompletion(int status) {
          // nothing: sent with the transaction, or not at all
        }
      });
      collected = mine;
    }
    collected.computeIfAbsent(origin, o -> new ArrayList<>()).add(change);
  }

  /**
   * One peer's changes as few messages as their size allows, a lane's changes in their order, in
   * one connection.
   */
  private void send(String origin, List<InboundChange> changes) {
    try (Connection c = connectionFactory.createConnection()) {
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer p = s.createProducer(inbound);
      p.setDeliveryMode(DeliveryMode.PERSISTENT);
      for (List<InboundChange> lane : Lanes.split(changes, InboundChange::uniqueIdentifier)) {
        int from = 0;
        while (from < lane.size()) {
          int to = from;
          long size = 0;
          do {
            size += InboundMessages.size(lane.get(to));
            to++;
          } while (to < lane.size() && size + InboundMessages.size(lane.get(to)) <= InboundMessages.MAX_BODY);
          p.send(message(s, origin, lane.subList(from, to)));
          from = to;
        }
      }
    } catch (JMSException e) {
      // The caller's transaction must not commit without its message.
      throw new IllegalStateException("cannot queue the federation message: " + e.getMessage(), e);
    }
  }

  private BytesMessage message(Session s, String origin, List<InboundChange> changes) throws JMSException {
    BytesMessage m = s.createBytesMessage();
    String uids = changes.stream().map(InboundChange::uniqueIdentifier).collect(Collectors.joining("\n"));
    m.setStringProperty("origin", origin);
    m.setStringProperty("kind", changes.stream().map(InboundChange::kind).collect(Collectors.joining("\n")));
    m.setStringProperty("uid", uids);
    m.setIntProperty("changes", changes.size());
    // The lane's consumer alone selects it. (No message group: a group is pinned to one consumer,
    // and a consumer whose selector does not match the group's other messages would strand them.)
    m.setIntProperty("lane", Lanes.of(changes.get(0).uniqueIdentifier()));
    m.setBooleanProperty("sealed", true);
    m.writeBytes(sealer.seal(sealedFor(uids), InboundMessages.encode(changes)));
    return m;
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
          // A message of several changes is listed change by change; the cause names those that
          // failed (the others were applied, and are skipped as repeats if the message is replayed).
          String[] kinds = m.getStringProperty("kind").split("\n", -1);
          String[] uids = (m.propertyExists("uid") ? m.getStringProperty("uid") : m.getStringProperty("JMSXGroupID"))
              .split("\n", -1);
          for (int i = 0; i < uids.length && out.size() < max; i++) {
            out.add(new DeadChange(m.getJMSMessageID(), m.getStringProperty("origin"), i < kinds.length ? kinds[i] : null,
                uids[i], java.time.Instant.ofEpochMilli(m.getJMSTimestamp()),
                m.propertyExists("dlqDeliveryFailureCause") ? m.getStringProperty("dlqDeliveryFailureCause") : null));
          }
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
