package io.keyfed.domain.identity;

import io.keyfed.domain.object.ManagedObject;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Operations that an owner's objects are open to for another identity: either one object (its
 * Unique Identifier) or the owner's objects in an Object Group, now and later. A group grant never
 * reaches another owner's objects in the same group: a group name is chosen by whoever creates an
 * object, so a grant by group alone would let a third party's keys fall under it. An administrator
 * grants on behalf of the owner (the admin API). A grant never lifts a role requirement (Import and
 * Export need security-officer) and never makes the grantee an owner: objects it creates are its
 * own.
 */
@Entity
@Table(name = "KF_GRANT", indexes = @Index(name = "KF_GRANT_GRANTEE", columnList = "GRANTEE"))
@NamedQuery(name = AccessGrant.ALL, query = "SELECT g FROM AccessGrant g ORDER BY g.id")
@NamedQuery(name = AccessGrant.OF_GRANTEE, query = "SELECT g FROM AccessGrant g WHERE g.grantee = :grantee ORDER BY g.id")
public class AccessGrant {

  public static final String ALL = "AccessGrant.all";
  public static final String OF_GRANTEE = "AccessGrant.ofGrantee";

  @Id
  @SequenceGenerator(name = "KF_GRANT_SEQ", sequenceName = "KF_GRANT_SEQ", allocationSize = 10)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "KF_GRANT_SEQ")
  private Long id;

  @Column(name = "GRANTEE", length = KmipIdentity.NAME_MAX, nullable = false)
  private String grantee;

  /** The identity whose objects are granted (for a one-object grant, that object's owner). */
  @Column(name = "OWNER", length = KmipIdentity.NAME_MAX, nullable = false)
  private String owner;

  @Column(name = "UNIQUE_IDENTIFIER", length = 64)
  private String uniqueIdentifier;

  @Column(name = "OBJECT_GROUP", length = 255)
  private String objectGroup;

  /** KMIP operation names (spec words), comma-separated. */
  @Column(name = "OPERATIONS", length = 2048, nullable = false)
  private String operations;

  @Column(name = "GRANTED_BY", length = 255, nullable = false)
  private String grantedBy;

  @Column(name = "GRANTED_AT", nullable = false)
  private LocalDateTime grantedAt;

  protected AccessGrant() {}

  /**
   * @param operations KMIP operation names as the specification writes them (Get, Locate, ...)
   * @throws AccessException naming the field at fault
   */
  public AccessGrant(String grantee, String owner, String uniqueIdentifier, String objectGroup, Set<String> operations,
      String grantedBy, Instant at) {
    if (grantee == null || grantee.isBlank() || grantee.length() > KmipIdentity.NAME_MAX) {
      throw AccessException.invalid("field 'grantee' must name an identity (1 to " + KmipIdentity.NAME_MAX + " characters)");
    }
    if ((uniqueIdentifier == null) == (objectGroup == null)) {
      throw AccessException.invalid("exactly one of the fields 'uniqueIdentifier' and 'objectGroup' is needed");
    }
    if (owner == null || owner.isBlank() || owner.length() > KmipIdentity.NAME_MAX) {
      throw AccessException.invalid("field 'owner' must name the identity whose objects are granted (1 to "
          + KmipIdentity.NAME_MAX + " characters)");
    }
    if (owner.equals(grantee)) {
      throw AccessException.invalid("field 'grantee': " + grantee + " owns these objects already");
    }
    if (uniqueIdentifier != null && (uniqueIdentifier.isEmpty() || uniqueIdentifier.length() > 64)) {
      throw AccessException.invalid("field 'uniqueIdentifier' must have 1 to 64 characters");
    }
    if (objectGroup != null && (objectGroup.isEmpty() || objectGroup.length() > 255)) {
      throw AccessException.invalid("field 'objectGroup' must have 1 to 255 characters");
    }
    if (operations == null || operations.isEmpty()) {
      throw AccessException.invalid("field 'operations' must list at least one KMIP operation");
    }
    for (String op : operations) {
      if (op.isBlank() || op.contains(",")) {
        throw AccessException.invalid("field 'operations': '" + op + "' is not a KMIP operation");
      }
    }
    this.grantee = grantee;
    this.owner = owner;
    this.uniqueIdentifier = uniqueIdentifier;
    this.objectGroup = objectGroup;
    this.operations = String.join(",", operations);
    this.grantedBy = grantedBy;
    this.grantedAt = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  public Long id() {
    return id;
  }

  public String grantee() {
    return grantee;
  }

  /** The identity whose objects are granted. */
  public String owner() {
    return owner;
  }

  /** The one object granted, or null for a group grant. */
  public String uniqueIdentifier() {
    return uniqueIdentifier;
  }

  /** The Object Group granted, or null for a one-object grant. */
  public String objectGroup() {
    return objectGroup;
  }

  public Set<String> operations() {
    return new LinkedHashSet<>(List.of(operations.split(",")));
  }

  public String grantedBy() {
    return grantedBy;
  }

  public Instant grantedAt() {
    return grantedAt.toInstant(ZoneOffset.UTC);
  }

  /** Whether the grant covers the operation (its specification name). */
  public boolean covers(String operation) {
    return operation != null && operations().contains(operation);
  }

  /** Whether the grant opens {@code o} to {@code operation}. */
  public boolean allows(String operation, ManagedObject o) {
    return covers(operation) && reaches(o);
  }

  /** Whether {@code o} belongs to the owner and is the granted object or in the granted group. */
  public boolean reaches(ManagedObject o) {
    if (!owner.equals(o.owner())) {
      return false;
    }
    if (uniqueIdentifier != null) {
      return uniqueIdentifier.equals(o.uniqueIdentifier());
    }
    return groupsOf(o).contains(objectGroup);
  }

  /** The Object Group values of an object. */
  public static List<String> groupsOf(ManagedObject o) {
    List<String> out = new ArrayList<>(1);
    for (Attribute a : o.attributes(Tag.OBJECT_GROUP.specName())) {
      Ttlv v = a.value();
      if (v != null && v.type() == ItemType.TEXT_STRING) {
        out.add(v.asText());
      }
    }
    return out;
  }

  /** Whether any of {@code grants} opens {@code o} to {@code operation}. */
  public static boolean anyAllows(List<AccessGrant> grants, String operation, ManagedObject o) {
    for (AccessGrant g : grants) {
      if (g.allows(operation, o)) {
        return true;
      }
    }
    return false;
  }
}
