package io.keyfed.application;

import io.keyfed.domain.audit.AuditEvent;

/**
 * Where audit events go. The JMS adapter queues them to a message-driven bean that stores them,
 * so auditing never slows or fails a KMIP operation; a line is also written to the log.
 */
public interface AuditTrail {

  void record(AuditEvent event);
}
