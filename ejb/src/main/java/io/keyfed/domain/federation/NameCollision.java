package io.keyfed.domain.federation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * One Name collision met while applying a peer's change, and how the peering's policy resolved it:
 * append-only, shown by the admin API. A rejected object is remembered here too, so that the
 * peer's later changes to it are dropped rather than retried for ever.
 */
@Entity
@Table(name = "KF_NAME_COLLISION", indexes = @Index(name = "KF_NAME_COLLISION_PEER_UID", columnList = "PEER,INCOMING_UID"))
@NamedQuery(name = NameCollision.ALL, query = "SELECT c FROM NameCollision c ORDER BY c.id DESC")
@NamedQuery(name = NameCollision.BY_PEER, query = "SELECT c FROM NameCollision c WHERE c.peer = :peer ORDER BY c.id DESC")
@NamedQuery(name = NameCollision.REJECTED, query = "SELECT COUNT(c) FROM NameCollision c WHERE c.peer = :peer"
    + " AND c.incomingUniqueIdentifier = :uid AND c.policy = io.keyfed.domain.federation.NameCollisionPolicy.REJECT")
public class NameCollision {

  public static final String ALL = "NameCollision.all";
  public static final String BY_PEER = "NameCollision.byPeer";
  public static final String REJECTED = "NameCollision.rejected";

  @Id
  @SequenceGenerator(name = "KF_NAME_COLLISION_SEQ", sequenceName = "KF_NAME_COLLISION_SEQ", allocationSize = 10)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "KF_NAME_COLLISION_SEQ")
  private Long id;

  @Column(name = "COLLIDED_AT", nullable = false)
  private LocalDateTime at;

  @Column(name = "PEER", length = 64, nullable = false)
  private String peer;

  @Column(name = "NAME_VALUE", length = 1024, nullable = false)
  private String nameValue;

  @Column(name = "INCOMING_UID", length = 128, nullable = false)
  private String incomingUniqueIdentifier;

  @Column(name = "LOCAL_UID", length = 128, nullable = false)
  private String localUniqueIdentifier;

  @Enumerated(EnumType.STRING)
  @Column(name = "POLICY", length = 16, nullable = false)
  private NameCollisionPolicy policy;

  /** What was done, in words ("the arriving object is named 'payroll@org-a'"). */
  @Column(name = "OUTCOME", length = 1024, nullable = false)
  private String outcome;

  protected NameCollision() {}

  public NameCollision(Instant at, String peer, String nameValue, String incomingUid, String localUid,
      NameCollisionPolicy policy, String outcome) {
    this.at = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    this.peer = peer;
    this.nameValue = nameValue.length() > 1024 ? nameValue.substring(0, 1024) : nameValue;
    this.incomingUniqueIdentifier = incomingUid;
    this.localUniqueIdentifier = localUid;
    this.policy = policy;
    this.outcome = outcome.length() > 1024 ? outcome.substring(0, 1024) : outcome;
  }

  /** The name a renamed object takes: the plain name qualified by a server's name. */
  public static String qualified(String nameValue, String server) {
    return nameValue + "@" + server;
  }

  public Long id() {
    return id;
  }

  public Instant at() {
    return at.toInstant(ZoneOffset.UTC);
  }

  public String peer() {
    return peer;
  }

  public String nameValue() {
    return nameValue;
  }

  public String incomingUniqueIdentifier() {
    return incomingUniqueIdentifier;
  }

  public String localUniqueIdentifier() {
    return localUniqueIdentifier;
  }

  public NameCollisionPolicy policy() {
    return policy;
  }

  public String outcome() {
    return outcome;
  }
}
