package io.keyfed.infrastructure.jms;

import io.keyfed.domain.audit.AuditEvent;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import java.time.Instant;

/** The MapMessage form of an audit event. */
final class AuditMessages {

  private AuditMessages() {}

  static void write(AuditEvent e, MapMessage m) throws JMSException {
    m.setLong("at", e.at().toEpochMilli());
    m.setString("actor", e.actor());
    m.setString("channel", e.channel());
    m.setString("action", e.action());
    m.setString("uid", e.uniqueIdentifier());
    m.setString("result", e.result());
    m.setString("reason", e.reason());
  }

  static AuditEvent fromMap(MapMessage m) throws JMSException {
    if (!m.itemExists("actor") || !m.itemExists("action") || !m.itemExists("result")) {
      throw new IllegalArgumentException("audit message lacks actor, action or result");
    }
    return new AuditEvent(Instant.ofEpochMilli(m.getLong("at")), m.getString("actor"), m.getString("channel"),
        m.getString("action"), m.getString("uid"), m.getString("result"), m.getString("reason"));
  }

}
