package io.keyfed.application.identity;

import io.keyfed.domain.identity.AccessException;
import io.keyfed.domain.identity.AccessGrant;
import io.keyfed.domain.identity.KmipIdentity;
import io.keyfed.domain.identity.Role;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.kmip.spec.Operation;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The admin API's identity and grant use cases: list the identities seen, change an identity's
 * roles, list, add and remove grants. An administrator grants on behalf of an owner: a grant on
 * one object needs the object to exist (its owner is the grant's owner), a grant on an Object Group
 * covers that owner's objects in the group, now and later — never another owner's.
 */
@Stateless
public class AccessAdmin {

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Inject
  IdentityRegistry registry;

  public List<KmipIdentity> identities() {
    return em.createNamedQuery(KmipIdentity.ALL, KmipIdentity.class).getResultList();
  }

  public KmipIdentity identity(String name) {
    KmipIdentity i = name == null ? null : em.find(KmipIdentity.class, name);
    if (i == null) {
      throw AccessException.notFound("no identity named " + name + " has been seen");
    }
    return i;
  }

  /** Replaces the identity's roles (client always stays). */
  public KmipIdentity setRoles(String name, Set<Role> roles) {
    KmipIdentity i = identity(name);
    i.assign(roles);
    em.flush();
    registry.rolesChanged(name, i.roles());
    return i;
  }

  public List<AccessGrant> grants() {
    return em.createNamedQuery(AccessGrant.ALL, AccessGrant.class).getResultList();
  }

  /**
   * Grants operations on one object or on an owner's objects in an Object Group.
   *
   * @param owner whose objects; for one object optional (it is the object's owner) but, when
   *     given, it must be that owner; for a group required
   * @param operations KMIP operation names (Get, Locate, Get Attributes or GetAttributes, ...)
   */
  public AccessGrant grant(String grantee, String owner, String uniqueIdentifier, String objectGroup,
      List<String> operations, String grantedBy) {
    Set<String> names = operationNames(operations);
    if (uniqueIdentifier != null && uniqueIdentifier.length() <= 64) {
      ManagedObject o = em.find(ManagedObject.class, uniqueIdentifier);
      if (o == null) {
        throw AccessException.invalid("field 'uniqueIdentifier': no object " + uniqueIdentifier);
      }
      if (o.owner() == null) {
        throw AccessException.invalid("field 'uniqueIdentifier': object " + uniqueIdentifier + " has no owner to grant for");
      }
      if (owner != null && !owner.equals(o.owner())) {
        throw AccessException.invalid("field 'owner': object " + uniqueIdentifier + " belongs to " + o.owner() + ", not " + owner);
      }
      owner = o.owner();
    } else if (uniqueIdentifier == null && objectGroup != null && owner == null) {
      throw AccessException.invalid("field 'owner' is required with 'objectGroup': the grant covers that identity's objects in the group");
    }
    AccessGrant g = new AccessGrant(grantee, owner, uniqueIdentifier, objectGroup, names, grantedBy,
        Instant.now());
    em.persist(g);
    em.flush();
    return g;
  }

  public void revoke(long id) {
    AccessGrant g = em.find(AccessGrant.class, id);
    if (g == null) {
      throw AccessException.notFound("no grant " + id);
    }
    em.remove(g);
  }

  /** The operations' specification names, each checked to be a KMIP operation. */
  static Set<String> operationNames(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw AccessException.invalid("field 'operations' must list at least one KMIP operation");
    }
    Set<String> out = new LinkedHashSet<>();
    for (String n : names) {
      Operation op = operation(n);
      if (op == null) {
        throw AccessException.invalid("field 'operations': '" + n + "' is not a KMIP operation (e.g. Get, Locate, Get Attributes)");
      }
      out.add(op.specName());
    }
    return out;
  }

  /** A KMIP operation by its specification name or its XML name, in any case. */
  public static Operation operation(String name) {
    if (name == null) {
      return null;
    }
    String n = name.replace(" ", "").replace("_", "").toLowerCase(Locale.ROOT);
    for (Operation op : Operation.values()) {
      if (op.specName().replace(" ", "").toLowerCase(Locale.ROOT).equals(n)
          || op.xmlName().toLowerCase(Locale.ROOT).equals(n)) {
        return op;
      }
    }
    return null;
  }
}
