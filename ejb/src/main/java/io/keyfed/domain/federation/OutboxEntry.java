package io.keyfed.domain.federation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * One change waiting for delivery to one peer (DESIGN.md §3 "Delivery"), written in the same
 * transaction as the change itself. Its id orders the changes of an object and is the sequence
 * number the receiver uses to apply each change once. A Put carries no key material here: it is
 * built from the object when sent. A Notify carries its attribute changes, which never include
 * key material.
 */
@Entity
@Table(name = "KF_OUTBOX", indexes = @Index(name = "KF_OUTBOX_DUE", columnList = "TARGET_ID,STATUS,ID"))
@NamedQuery(name = OutboxEntry.DUE, query = "SELECT e FROM OutboxEntry e WHERE e.targetId = :target AND e.status = "
    + "io.keyfed.domain.federation.OutboxEntry.Status.PENDING ORDER BY e.id")
@NamedQuery(name = OutboxEntry.TARGETS_WITH_WORK, query = "SELECT DISTINCT e.targetId FROM OutboxEntry e WHERE e.status = "
    + "io.keyfed.domain.federation.OutboxEntry.Status.PENDING")
@NamedQuery(name = OutboxEntry.DEPTH, query = "SELECT COUNT(e), MIN(e.createdAt) FROM OutboxEntry e WHERE e.targetId = :target AND e.status = "
    + "io.keyfed.domain.federation.OutboxEntry.Status.PENDING")
@NamedQuery(name = OutboxEntry.DEAD, query = "SELECT e FROM OutboxEntry e WHERE e.status = "
    + "io.keyfed.domain.federation.OutboxEntry.Status.DEAD ORDER BY e.id")
public class OutboxEntry {

  public static final String DUE = "OutboxEntry.due";
  public static final String TARGETS_WITH_WORK = "OutboxEntry.targetsWithWork";
  public static final String DEPTH = "OutboxEntry.depth";
  public static final String DEAD = "OutboxEntry.dead";

  /** Attempts before an entry is set aside as dead (shown by the admin API, retried on demand). */
  public static final int MAX_ATTEMPTS = 1000;

  public enum Kind { PUT, NOTIFY }

  public enum Status { PENDING, DEAD }

  @Id
  @SequenceGenerator(name = "KF_OUTBOX_SEQ", sequenceName = "KF_OUTBOX_SEQ", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "KF_OUTBOX_SEQ")
  private Long id;

  @Column(name = "TARGET_ID", nullable = false)
  private Long targetId;

  @Column(name = "RULE_ID", nullable = false)
  private Long ruleId;

  @Column(name = "OBJECT_UID", length = 64, nullable = false)
  private String uniqueIdentifier;

  /** For a Put that replaces another object (Re-key): the replaced object's identifier. */
  @Column(name = "REPLACED_UID", length = 64)
  private String replacedUniqueIdentifier;

  @Enumerated(EnumType.STRING)
  @Column(name = "KIND", length = 8, nullable = false)
  private Kind kind;

  /** TTLV of the changes (Notify): changed attributes and deleted attribute names. */
  @Lob
  @Column(name = "CHANGES")
  private byte[] changes;

  @Enumerated(EnumType.STRING)
  @Column(name = "STATUS", length = 8, nullable = false)
  private Status status = Status.PENDING;

  @Column(name = "ATTEMPTS", nullable = false)
  private int attempts;

  @Column(name = "NEXT_ATTEMPT", nullable = false)
  private LocalDateTime nextAttempt;

  @Column(name = "CREATED_AT", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "LAST_ERROR", length = 1024)
  private String lastError;

  protected OutboxEntry() {}

  public static OutboxEntry put(PropagationRule rule, String uid, String replacedUid, Instant now) {
    OutboxEntry e = new OutboxEntry(rule, uid, Kind.PUT, null, now);
    e.replacedUniqueIdentifier = replacedUid;
    return e;
  }

  public static OutboxEntry notify(PropagationRule rule, String uid, byte[] changes, Instant now) {
    return new OutboxEntry(rule, uid, Kind.NOTIFY, changes, now);
  }

  private OutboxEntry(PropagationRule rule, String uid, Kind kind, byte[] changes, Instant now) {
    this.targetId = rule.target().id();
    this.ruleId = rule.id();
    this.uniqueIdentifier = uid;
    this.kind = kind;
    this.changes = changes;
    this.createdAt = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    this.nextAttempt = this.createdAt;
  }

  /**
   * A failed delivery: retry after an exponential back-off (1 s doubling to one minute, so that a
   * peer back from an outage gets its backlog within a minute), and after {@link #MAX_ATTEMPTS} set
   * aside as dead.
   */
  public void failed(String error, Instant now) {
    attempts++;
    lastError = error == null ? "error" : error.length() > 1000 ? error.substring(0, 1000) : error;
    long backoff = Math.min(60, 1L << Math.min(attempts - 1, 6));
    nextAttempt = LocalDateTime.ofInstant(now.plus(Duration.ofSeconds(backoff)), ZoneOffset.UTC);
    if (attempts >= MAX_ATTEMPTS) {
      status = Status.DEAD;
    }
  }

  /** A dead entry put back in line (admin API). */
  public void retry(Instant now) {
    status = Status.PENDING;
    attempts = 0;
    nextAttempt = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
  }

  public boolean due(Instant now) {
    return !nextAttempt.isAfter(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
  }

  public Long id() {
    return id;
  }

  public Long targetId() {
    return targetId;
  }

  public Long ruleId() {
    return ruleId;
  }

  public String uniqueIdentifier() {
    return uniqueIdentifier;
  }

  public String replacedUniqueIdentifier() {
    return replacedUniqueIdentifier;
  }

  public Kind kind() {
    return kind;
  }

  public byte[] changes() {
    return changes == null ? null : changes.clone();
  }

  public Status status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }

  public Instant createdAt() {
    return createdAt.toInstant(ZoneOffset.UTC);
  }

  public Instant nextAttempt() {
    return nextAttempt.toInstant(ZoneOffset.UTC);
  }

  public String lastError() {
    return lastError;
  }
}
