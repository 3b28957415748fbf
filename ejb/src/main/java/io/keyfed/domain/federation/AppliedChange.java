package io.keyfed.domain.federation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The last change applied from a peer to one object: (origin server, object) and the origin's
 * sequence number. A change whose sequence is not above it has been applied already (a redelivery
 * after a crash) and is skipped; this is what makes applying idempotent and, since an origin's
 * changes of one object are numbered in order, ordered per object.
 */
@Entity
@Table(name = "KF_APPLIED")
public class AppliedChange {

  @Id
  @Column(name = "ORIGIN_OBJECT", length = 160)
  private String originAndObject;

  @Column(name = "LAST_SEQ", nullable = false)
  private long lastSequence;

  protected AppliedChange() {}

  public AppliedChange(String origin, String uid, long sequence) {
    this.originAndObject = key(origin, uid);
    this.lastSequence = sequence;
  }

  public static String key(String origin, String uid) {
    return origin + "|" + uid;
  }

  /** The record's key: {@link #key(String, String)} of its origin and object. */
  public String key() {
    return originAndObject;
  }

  /** Whether a change with this sequence is new; records it when it is. */
  public boolean advance(long sequence) {
    if (sequence <= lastSequence) {
      return false;
    }
    lastSequence = sequence;
    return true;
  }

  public long lastSequence() {
    return lastSequence;
  }
}
