package io.keyfed.infrastructure.jms;

import io.keyfed.domain.audit.AuditEvent;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The MapMessage form of an audit event. */
final class AuditMessages {

  private AuditMessages() {}

  /**
   * A batch as one MapMessage: {@code count}, then each field suffixed with its index
   * ({@code actor.0}, {@code action.0}, ...). Absent optional fields are simply not set.
   */
  static void write(List<AuditEvent> batch, MapMessage m) throws JMSException {
    m.setInt("count", batch.size());
    for (int i = 0; i < batch.size(); i++) {
      AuditEvent e = batch.get(i);
      m.setLong("at." + i, e.at().toEpochMilli());
      m.setString("actor." + i, e.actor());
      m.setString("channel." + i, e.channel());
      m.setString("action." + i, e.action());
      m.setString("uid." + i, e.uniqueIdentifier());
      m.setString("result." + i, e.result());
      m.setString("reason." + i, e.reason());
    }
  }

  /** The events of a batch message; a message that is not one is refused whole. */
  static List<AuditEvent> read(MapMessage m) throws JMSException {
    if (!m.itemExists("count")) {
      throw new IllegalArgumentException("audit message without a count");
    }
    int n = m.getInt("count");
    if (n < 0 || n > 100_000) {
      throw new IllegalArgumentException("audit message with count " + n);
    }
    List<AuditEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (!m.itemExists("actor." + i) || !m.itemExists("action." + i) || !m.itemExists("result." + i)) {
        throw new IllegalArgumentException("audit event " + i + " lacks actor, action or result");
      }
      out.add(new AuditEvent(Instant.ofEpochMilli(m.getLong("at." + i)), m.getString("actor." + i), m.getString("channel." + i),
          m.getString("action." + i), m.getString("uid." + i), m.getString("result." + i), m.getString("reason." + i)));
    }
    return out;
  }
}
