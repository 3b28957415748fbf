package io.keyfed;

import io.keyfed.domain.audit.AuditEvent;
import io.keyfed.domain.audit.AuditRecord;
import io.keyfed.infrastructure.jms.JmsResources;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Blob;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Test-only bean for the container tests ({@link EjbModuleIT}): reads what the application stored,
 * below the application's own code (SQL on the tables, the audit entity), and puts messages of its
 * own on the audit queue. Not part of the product; the test deployment adds it.
 */
@Stateless
public class ItProbe {

  /** ActiveMQ's default dead-letter queue (SharedDeadLetterStrategy). */
  public static final String DEAD_LETTER_QUEUE = "ActiveMQ.DLQ";

  /** A string property that the tests set on the messages they send, to find them again. */
  public static final String MARKER = "keyfedTestMarker";

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Resource(lookup = JmsResources.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Resource(lookup = JmsResources.AUDIT_QUEUE)
  Queue auditQueue;

  /** Whether KF_OBJECT has a row for this Unique Identifier. */
  public boolean objectRowExists(String uid) {
    return !em.createNativeQuery("SELECT UID FROM KF_OBJECT WHERE UID = ?1").setParameter(1, uid).getResultList().isEmpty();
  }

  /** The SEALED_OBJECT column of the object's row, as the database holds it (null when NULL or no row). */
  public byte[] sealedObjectColumn(String uid) {
    List<?> rows = em.createNativeQuery("SELECT SEALED_OBJECT FROM KF_OBJECT WHERE UID = ?1")
        .setParameter(1, uid).getResultList();
    if (rows.isEmpty() || rows.get(0) == null) {
      return null;
    }
    Object v = rows.get(0);
    if (v instanceof byte[] b) {
      return b;
    }
    if (v instanceof Blob blob) {
      try {
        return blob.getBytes(1, Math.toIntExact(blob.length()));
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("unexpected SEALED_OBJECT value type " + v.getClass());
  }

  /** The ATTRIBUTE_INDEX column of an object's attribute rows of one name, in stored order. */
  public List<Integer> attributeIndices(String uid, String name) {
    return em.createNativeQuery("SELECT ATTRIBUTE_INDEX FROM KF_ATTRIBUTE WHERE OBJECT_UID = ?1 AND NAME = ?2 ORDER BY POSITION")
        .setParameter(1, uid).setParameter(2, name).getResultList().stream()
        .map(v -> ((Number) v).intValue()).toList();
  }

  /** The stored audit records about one object, in insertion order. */
  public List<AuditEvent> auditOf(String uid) {
    return em.createNamedQuery(AuditRecord.BY_OBJECT, AuditRecord.class).setParameter("uid", uid)
        .getResultList().stream().map(AuditRecord::toEvent).toList();
  }

  /** The stored audit records of one actor, in insertion order. */
  public List<AuditEvent> auditByActor(String actor) {
    return em.createQuery("SELECT a FROM AuditRecord a WHERE a.actor = :actor ORDER BY a.id", AuditRecord.class)
        .setParameter("actor", actor).getResultList().stream().map(AuditRecord::toEvent).toList();
  }

  /** Sends a TextMessage to the audit queue (not what its consumer expects). */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void sendText(String text, String marker) {
    send(s -> s.createTextMessage(text), marker);
  }

  /** Sends a MapMessage with exactly these entries (String, Integer or Long values) to the audit queue. */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void sendMap(Map<String, Object> entries, String marker) {
    send(s -> {
      MapMessage m = s.createMapMessage();
      for (Map.Entry<String, Object> e : entries.entrySet()) {
        m.setObject(e.getKey(), e.getValue());
      }
      return m;
    }, marker);
  }

  /** Whether a message with this marker is waiting on the dead-letter queue (browsed, not consumed). */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public boolean deadLettered(String marker) {
    try (Connection c = connectionFactory.createConnection()) {
      c.start();
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      QueueBrowser browser = s.createBrowser(s.createQueue(DEAD_LETTER_QUEUE), MARKER + " = '" + marker + "'");
      return browser.getEnumeration().hasMoreElements();
    } catch (JMSException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface MessageMaker {
    Message make(Session s) throws JMSException;
  }

  private void send(MessageMaker maker, String marker) {
    try (Connection c = connectionFactory.createConnection()) {
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Message m = maker.make(s);
      m.setStringProperty(MARKER, marker);
      MessageProducer p = s.createProducer(auditQueue);
      p.send(m);
    } catch (JMSException e) {
      throw new IllegalStateException(e);
    }
  }
}
