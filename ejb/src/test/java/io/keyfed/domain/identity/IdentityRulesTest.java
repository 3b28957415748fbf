package io.keyfed.domain.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of identities and grants, without a database. */
class IdentityRulesTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aNewIdentityIsAClientAndRolesChangeWithClientKept() {
    KmipIdentity i = new KmipIdentity("alice", "CN=alice,O=x", T0);
    assertEquals(Set.of(Role.CLIENT), i.roles());
    assertEquals(T0, i.firstSeen());
    i.assign(EnumSet.of(Role.SECURITY_OFFICER));
    assertEquals(Set.of(Role.CLIENT, Role.SECURITY_OFFICER), i.roles());
    i.seen(T0.plusSeconds(60));
    i.seen(T0.plusSeconds(30));
    assertEquals(T0.plusSeconds(60), i.lastSeen());
    assertEquals(T0, i.firstSeen());
  }

  @Test
  void peerServerCannotBeGiven() {
    KmipIdentity i = new KmipIdentity("alice", "CN=alice", T0);
    AccessException e = assertThrows(AccessException.class, () -> i.assign(EnumSet.of(Role.PEER_SERVER)));
    assertTrue(e.getMessage().contains("'roles'"), e.getMessage());
    assertEquals(AccessException.Kind.INVALID, e.kind());
  }

  @Test
  void rolesHaveLabels() {
    assertEquals(Role.SECURITY_OFFICER, Role.of("Security-Officer"));
    assertNull(Role.of("root"));
    assertEquals("client,security-officer", Role.format(EnumSet.of(Role.SECURITY_OFFICER, Role.CLIENT)));
    assertEquals(EnumSet.of(Role.AUDITOR, Role.OPERATOR), Role.parse("auditor,operator,unknown"));
  }

  @Test
  void aGrantNamesExactlyOneTargetAndSomeOperations() {
    Set<String> get = Set.of("Get");
    assertThrows(AccessException.class, () -> new AccessGrant("bob", "alice", null, null, get, "admin", T0));
    assertThrows(AccessException.class, () -> new AccessGrant("bob", "alice", "uid", "g", get, "admin", T0));
    assertThrows(AccessException.class, () -> new AccessGrant("", "alice", null, "g", get, "admin", T0));
    assertThrows(AccessException.class, () -> new AccessGrant("bob", "alice", null, "g", Set.of(), "admin", T0));
    assertThrows(AccessException.class, () -> new AccessGrant("bob", null, null, "g", get, "admin", T0));
    assertThrows(AccessException.class, () -> new AccessGrant("bob", "bob", null, "g", get, "admin", T0));
    AccessGrant g = new AccessGrant("bob", "alice", null, "g", new java.util.LinkedHashSet<>(List.of("Get", "Locate")), "admin", T0);
    assertEquals(Set.of("Get", "Locate"), g.operations());
    assertTrue(g.covers("Locate"));
    assertEquals(T0, g.grantedAt());
  }
}
