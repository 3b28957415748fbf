package io.keyfed.application;

import io.keyfed.domain.audit.AuditEvent;
import java.util.ArrayList;
import java.util.List;

/** An audit trail that keeps what it is given, for assertions. */
public final class RecordingAuditTrail implements AuditTrail {

  private final List<AuditEvent> events = new ArrayList<>();

  @Override
  public void record(AuditEvent event) {
    events.add(event);
  }

  public List<AuditEvent> events() {
    return List.copyOf(events);
  }
}
