package io.keyfed.domain.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A stored audit event. Rows are only ever inserted: there are no setters and no update or delete
 * path in the application.
 */
@Entity
@Table(name = "KF_AUDIT", indexes = {@Index(name = "KF_AUDIT_OBJECT", columnList = "OBJECT_UID"), @Index(name = "KF_AUDIT_AT", columnList = "AT_UTC")})
@NamedQuery(name = AuditRecord.LATEST, query = "SELECT a FROM AuditRecord a ORDER BY a.id DESC")
@NamedQuery(name = AuditRecord.BY_OBJECT, query = "SELECT a FROM AuditRecord a WHERE a.uniqueIdentifier = :uid ORDER BY a.id")
public class AuditRecord {

  public static final String LATEST = "AuditRecord.latest";
  public static final String BY_OBJECT = "AuditRecord.byObject";

  @Id
  @SequenceGenerator(name = "KF_AUDIT_SEQ", sequenceName = "KF_AUDIT_SEQ", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "KF_AUDIT_SEQ")
  private Long id;

  @Column(name = "AT_UTC", nullable = false)
  private LocalDateTime at;

  @Column(name = "ACTOR", length = 512, nullable = false)
  private String actor;

  @Column(name = "CHANNEL", length = 32)
  private String channel;

  @Column(name = "ACTION", length = 64, nullable = false)
  private String action;

  @Column(name = "OBJECT_UID", length = 64)
  private String uniqueIdentifier;

  @Column(name = "RESULT", length = 32, nullable = false)
  private String result;

  @Column(name = "REASON", length = 64)
  private String reason;

  protected AuditRecord() {}

  public static AuditRecord of(AuditEvent e) {
    AuditRecord r = new AuditRecord();
    r.at = LocalDateTime.ofInstant(e.at(), ZoneOffset.UTC);
    r.actor = e.actor();
    r.channel = e.channel();
    r.action = e.action();
    r.uniqueIdentifier = e.uniqueIdentifier();
    r.result = e.result();
    r.reason = e.reason();
    return r;
  }

  public Long id() {
    return id;
  }

  public AuditEvent toEvent() {
    return new AuditEvent(at.toInstant(ZoneOffset.UTC), actor, channel, action, uniqueIdentifier, result, reason);
  }
}
