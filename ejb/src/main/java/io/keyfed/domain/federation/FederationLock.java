package io.keyfed.domain.federation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A named row locked (SELECT … FOR UPDATE) to make one short step run one transaction at a time
 * across this server's threads — and across servers sharing the database. Held from the lock to the
 * commit, so only the last step of a transaction takes one.
 */
@Entity
@Table(name = "KF_LOCK")
public class FederationLock {

  /**
   * The check that the Names a peer's changes gave to objects here are still theirs alone, at the
   * end of each inbound transaction: inbound lanes are applied in parallel, and two lanes can bring
   * the same Name at once, each unable to see the other's uncommitted object.
   */
  public static final String INBOUND_NAMES = "inbound-names";

  @Id
  @Column(name = "NAME", length = 64)
  private String name;

  protected FederationLock() {}

  public FederationLock(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }
}
