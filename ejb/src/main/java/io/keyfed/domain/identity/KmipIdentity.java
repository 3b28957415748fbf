package io.keyfed.domain.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A KMIP client identity as this server has seen it: the Common Name of its TLS client certificate
 * (the owner name on its objects), the certificate's subject, its roles, and when it was first and
 * last seen. Recorded the first time the client sends a request, with the role {@link Role#CLIENT};
 * an administrator changes the roles. Times are UTC.
 */
@Entity
@Table(name = "KF_IDENTITY")
@NamedQuery(name = KmipIdentity.ALL, query = "SELECT i FROM KmipIdentity i ORDER BY i.name")
public class KmipIdentity {

  public static final String ALL = "KmipIdentity.all";

  /** The longest name stored (a certificate CN is at most 64 characters; a whole subject may be longer). */
  public static final int NAME_MAX = 255;

  @Id
  @Column(name = "NAME", length = NAME_MAX, nullable = false)
  private String name;

  @Column(name = "SUBJECT", length = 1024)
  private String subject;

  @Column(name = "ROLES", length = 255, nullable = false)
  private String roles;

  @Column(name = "FIRST_SEEN", nullable = false)
  private LocalDateTime firstSeen;

  @Column(name = "LAST_SEEN", nullable = false)
  private LocalDateTime lastSeen;

  protected KmipIdentity() {}

  /** A client seen for the first time: role client. */
  public KmipIdentity(String name, String subject, Instant now) {
    this.name = Objects.requireNonNull(name, "name");
    this.subject = subject == null || subject.length() <= 1024 ? subject : subject.substring(0, 1024);
    this.roles = Role.format(EnumSet.of(Role.CLIENT));
    this.firstSeen = utc(now);
    this.lastSeen = this.firstSeen;
  }

  public String name() {
    return name;
  }

  public String subject() {
    return subject;
  }

  public Set<Role> roles() {
    return Role.parse(roles);
  }

  public Instant firstSeen() {
    return firstSeen.toInstant(ZoneOffset.UTC);
  }

  public Instant lastSeen() {
    return lastSeen.toInstant(ZoneOffset.UTC);
  }

  public void seen(Instant now) {
    LocalDateTime t = utc(now);
    if (t.isAfter(lastSeen)) {
      lastSeen = t;
    }
  }

  /**
   * Replaces the roles. Client is always kept (every identity is one); peer-server cannot be given.
   *
   * @throws AccessException naming the field {@code roles} when a role cannot be given
   */
  public void assign(Set<Role> newRoles) {
    Set<Role> all = EnumSet.of(Role.CLIENT);
    for (Role r : newRoles) {
      if (!Role.assignable().contains(r)) {
        throw AccessException.invalid("field 'roles': " + r.label() + " cannot be given; it comes from a federation server entity");
      }
      all.add(r);
    }
    roles = Role.format(all);
  }

  private static LocalDateTime utc(Instant t) {
    return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
