package io.keyfed.application.operation;

import static io.keyfed.application.operation.Requests.createAes;
import static io.keyfed.application.operation.Requests.uidOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.application.RequestContext;
import io.keyfed.domain.identity.AccessGrant;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.domain.identity.Role;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.payload.LocateResponse;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who reaches whose objects: the owner; another identity only with a grant of the operation on the
 * object or on one of its Object Groups; Locate shows the caller's own objects and those granted
 * for Locate, nothing else; Import and Export need the security-officer role.
 */
class AccessControlTest {

  private static final KmipVersion V = KmipVersion.V2_1;
  private final Handlers h = new Handlers();

  private static Attribute group(String g) {
    return Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, g));
  }

  private String aliceKey(String... groups) {
    List<Attribute> extra = new ArrayList<>();
    for (String g : groups) {
      extra.add(group(g));
    }
    return uidOf(h.run(Operation.CREATE, createAes(V, 128, extra.toArray(Attribute[]::new)), Handlers.context(V)).payload());
  }

  private static AccessGrant onGroup(String grantee, String group, String... ops) {
    return new AccessGrant(grantee, "alice", null, group, new LinkedHashSet<>(List.of(ops)), "admin", Instant.EPOCH);
  }

  private static AccessGrant onObject(String grantee, String uid, String... ops) {
    return new AccessGrant(grantee, "alice", uid, null, new LinkedHashSet<>(List.of(ops)), "admin", Instant.EPOCH);
  }

  private static RequestContext bob(AccessGrant... grants) {
    RequestContext ctx = Handlers.context(Handlers.BOB, V);
    ctx.setGrants(() -> List.of(grants));
    return ctx;
  }

  private List<String> locateAll(RequestContext ctx) {
    return LocateResponse.decode(h.run(Operation.LOCATE, Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of()), ctx).payload())
        .uniqueIdentifiers();
  }

  @Test
  void withoutAGrantAnotherIdentityIsDeniedAndLocatesNothing() {
    String k = aliceKey("g");
    Handlers.Outcome get = h.run(Operation.GET, Requests.get(k, null), bob());
    assertEquals(ResultReason.PERMISSION_DENIED, get.reason());
    assertTrue(get.message().contains("no grant of Get"), get.message());
    assertEquals(List.of(), locateAll(bob()));
    assertEquals(List.of(k), locateAll(Handlers.context(V)));
  }

  @Test
  void aGroupGrantOpensTheGroupsObjectsToTheOperationsGrantedOnly() {
    String inG = aliceKey("g");
    String inOther = aliceKey("other");
    String inBoth = aliceKey("other", "g");
    RequestContext bob = bob(onGroup("bob", "g", "Get"));

    assertTrue(h.run(Operation.GET, Requests.get(inG, null), bob).succeeded());
    assertTrue(h.run(Operation.GET, Requests.get(inBoth, null), bob).succeeded());
    assertEquals(ResultReason.PERMISSION_DENIED, h.run(Operation.GET, Requests.get(inOther, null), bob).reason());
    assertEquals(ResultReason.PERMISSION_DENIED, h.run(Operation.DESTROY, Requests.uid(inG), bob).reason());
    assertEquals(ResultReason.PERMISSION_DENIED, h.run(Operation.ACTIVATE, Requests.uid(inG), bob).reason());
    // Get granted, not Locate: Locate still shows nothing.
    assertEquals(List.of(), locateAll(bob));
  }

  @Test
  void aGroupGrantReachesOnlyItsOwnersObjectsInTheGroup() {
    // Carol puts a key in Alice's group name: Alice's grant to Bob must not reach it.
    ClientIdentity carol = new ClientIdentity("carol", "CN=carol", "tls");
    String alices = aliceKey("g");
    String carols = uidOf(h.run(Operation.CREATE, createAes(V, 128, group("g")), Handlers.context(carol, V)).payload());
    RequestContext bob = bob(onGroup("bob", "g", "Get", "Locate"));
    assertTrue(h.run(Operation.GET, Requests.get(alices, null), bob).succeeded());
    assertEquals(ResultReason.PERMISSION_DENIED, h.run(Operation.GET, Requests.get(carols, null), bob).reason());
    assertEquals(List.of(alices), locateAll(bob));
  }

  @Test
  void aOneObjectGrantOpensThatObjectOnly() {
    String k = aliceKey();
    String other = aliceKey();
    RequestContext bob = bob(onObject("bob", k, "Get", "Destroy"));
    assertTrue(h.run(Operation.GET, Requests.get(k, null), bob).succeeded());
    assertEquals(ResultReason.PERMISSION_DENIED, h.run(Operation.GET, Requests.get(other, null), bob).reason());
    assertTrue(h.run(Operation.DESTROY, Requests.uid(k), bob).succeeded());
  }

  @Test
  void locateShowsObjectsGrantedForLocateAndNothingElse() {
    String inG = aliceKey("g");
    String byId = aliceKey();
    aliceKey("h");
    String bobs = uidOf(h.run(Operation.CREATE, createAes(V, 128, group("g")), bob()).payload());
    RequestContext bob = bob(onGroup("bob", "g", "Locate"), onObject("bob", byId, "Locate"), onGroup("bob", "h", "Get"));
    assertEquals(Set.of(inG, byId, bobs), Set.copyOf(locateAll(bob)));
    // Alice's Locate is not widened by Bob's grants.
    assertEquals(3, locateAll(Handlers.context(V)).size());
  }

  @Test
  void exportAndImportNeedTheSecurityOfficerRole() {
    String k = aliceKey();
    Handlers.Outcome denied = h.run(Operation.EXPORT, Requests.get(k, null), Handlers.context(V));
    assertEquals(ResultReason.PERMISSION_DENIED, denied.reason());
    assertTrue(denied.message().contains("security-officer"), denied.message());

    ClientIdentity officer = Handlers.ALICE.withRoles(EnumSet.of(Role.CLIENT, Role.SECURITY_OFFICER));
    Handlers.Outcome exported = h.run(Operation.EXPORT, Requests.get(k, null), Handlers.context(officer, V));
    assertTrue(exported.succeeded(), exported.message());

    Ttlv importPayload = Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of(Ttlv.text(Tag.UNIQUE_IDENTIFIER, "imported-1")));
    Handlers.Outcome importDenied = h.run(Operation.IMPORT, importPayload, Handlers.context(V));
    assertEquals(ResultReason.PERMISSION_DENIED, importDenied.reason());
    assertTrue(importDenied.message().contains("security-officer"), importDenied.message());

    // A grant of Export does not lift the role requirement.
    RequestContext bob = bob(onObject("bob", k, "Export"));
    assertEquals(ResultReason.PERMISSION_DENIED, h.run(Operation.EXPORT, Requests.get(k, null), bob).reason());
    RequestContext bobOfficer = Handlers.context(Handlers.BOB.withRoles(EnumSet.of(Role.SECURITY_OFFICER)), V);
    bobOfficer.setGrants(() -> List.of(onObject("bob", k, "Export")));
    assertTrue(h.run(Operation.EXPORT, Requests.get(k, null), bobOfficer).succeeded());
  }

  @Test
  void rolesDefaultToClientAndPeerServerOnThePeerChannel() {
    assertEquals(Set.of(Role.CLIENT), Handlers.ALICE.roles());
    assertEquals(Set.of(Role.PEER_SERVER), new ClientIdentity("east", "CN=east", "peer").roles());
    assertFalse(Handlers.ALICE.hasRole(Role.SECURITY_OFFICER));
  }

  @Test
  void grantsAreReadOnlyWhenADecisionNeedsThem() {
    String k = aliceKey();
    RequestContext alice = Handlers.context(V);
    alice.setGrants(() -> {
      throw new AssertionError("the owner's access must not read grants");
    });
    assertTrue(h.run(Operation.GET, Requests.get(k, null), alice).succeeded());
  }

  @Test
  void aGrantWithoutTheOperationKnownGivesNothing() {
    AccessGrant g = onGroup("bob", "g", "Get");
    assertFalse(g.covers(null));
    assertNull(g.uniqueIdentifier());
    assertEquals(Set.of("Get"), g.operations());
  }
}
