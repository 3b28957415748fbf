package io.keyfed.domain.federation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Where an object went when a partition move (a MOVE rule) took it away: written in the same
 * transaction that removes the object, so that the object is always either here or recorded as
 * moved. A client asking for it is told which server holds it now; its owner alone learns that.
 */
@Entity
@Table(name = "KF_MOVED", indexes = @Index(name = "KF_MOVED_RULE", columnList = "RULE_NAME"))
public class MovedObject {

  @Id
  @Column(name = "UID", length = 128)
  private String uniqueIdentifier;

  @Column(name = "RULE_NAME", length = 64, nullable = false)
  private String ruleName;

  @Column(name = "TARGET", length = 64, nullable = false)
  private String target;

  /** The target's KMIP host and port when the object went there. */
  @Column(name = "TARGET_ADDRESS", length = 300)
  private String targetAddress;

  @Column(name = "OWNER", length = 512)
  private String owner;

  @Column(name = "MOVED_AT", nullable = false)
  private LocalDateTime movedAt;

  protected MovedObject() {}

  public MovedObject(String uniqueIdentifier, String ruleName, ServerEntity target, String owner, Instant movedAt) {
    this.uniqueIdentifier = uniqueIdentifier;
    this.ruleName = ruleName;
    this.target = target.name();
    this.targetAddress = target.host() + ":" + target.kmipPort();
    this.owner = owner;
    this.movedAt = LocalDateTime.ofInstant(movedAt, ZoneOffset.UTC);
  }

  public String uniqueIdentifier() {
    return uniqueIdentifier;
  }

  public String ruleName() {
    return ruleName;
  }

  public String target() {
    return target;
  }

  public String targetAddress() {
    return targetAddress;
  }

  public String owner() {
    return owner;
  }

  public Instant movedAt() {
    return movedAt.toInstant(ZoneOffset.UTC);
  }
}
