package io.keyfed.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.keyfed.e2e.support.Peers.absent;
import static io.keyfed.e2e.support.Peers.api;
import static io.keyfed.e2e.support.Peers.closeAll;
import static io.keyfed.e2e.support.Peers.createKey;
import static io.keyfed.e2e.support.Peers.json;
import static io.keyfed.e2e.support.Peers.material;
import static io.keyfed.e2e.support.Peers.pki;

import io.keyfed.e2e.support.KeyfedServer;
import io.keyfed.e2e.support.Peers;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.AddAttributeRequest;
import io.keyfed.kmip.payload.DeleteAttributeRequest;
import io.keyfed.kmip.payload.GetAttributesRequest;
import io.keyfed.kmip.payload.GetAttributesResponse;
import io.keyfed.kmip.payload.LocateRequest;
import io.keyfed.kmip.payload.LocateResponse;
import io.keyfed.kmip.payload.ModifyAttributeRequest;
import io.keyfed.kmip.payload.UniqueIdentifierRequest;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Use case 3 of DESIGN.md, business-partner exchange, with two real servers of two organisations:
 * each has its own CA (they exchanged CA certificates out of band and pinned each other's server
 * certificate when registering the peering), each shares one object group with the other under an
 * EXCHANGE rule in wrapped form (RSA-OAEP under the partner's transport key), and nothing else
 * leaves either server. Name collisions are resolved by the receiving peering's policy — keep both,
 * reject, master wins — and each is reported by the admin API. org-a speaks KMIP 1.4 to org-b and
 * org-b speaks 2.1 to org-a, so Put and Notify (with deleted attributes) travel in both protocol
 * generations, one in each direction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartnerExchangeIT {

  private static final Duration PROPAGATION = Duration.ofSeconds(90);
  private static final String ASI = Tag.APPLICATION_SPECIFIC_INFORMATION.specName();

  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private KeyfedServer a;
  private KeyfedServer b;

  @BeforeAll
  void twoOrganisations() throws Exception {
    Path work = Path.of(System.getProperty("keyfed.work", "target/e2e-work"));
    Files.createDirectories(work);
    Path dir = Files.createTempDirectory(work, "partners-");
    for (String org : List.of("org-a", "org-b")) {
      pki("init", dir.resolve(org).resolve("pki").toString(), "--host", "localhost", "--san", "127.0.0.1");
    }
    List<KeyfedServer> both = Peers.startAll(
        () -> KeyfedServer.startAt("org-a", dir.resolve("org-a"), env("org-a", dir.resolve("org-b"))),
        () -> KeyfedServer.startAt("org-b", dir.resolve("org-b"), env("org-b", dir.resolve("org-a"))));
    a = both.get(0);
    b = both.get(1);
    // Each registers the other as a PARTNER, pinned to its server certificate. What org-a sends,
    // org-b receives under its peering's policy (KEEP_BOTH first); org-a speaks 1.4 to org-b.
    register(a, b, "1.4", "KEEP_BOTH");
    register(b, a, "2.1", "KEEP_BOTH");
    rule(a, "share-with-b", b, "for-b-" + run);
    rule(b, "share-with-a", a, "for-a-" + run);
  }

  /** The partner's CA is trusted on the KMIP port (keyfed.tls.client-cas): it was exchanged out of band. */
  private static Map<String, String> env(String name, Path partner) {
    return Map.of("KEYFED_SERVER_NAME", name, "KEYFED_FEDERATION_ROLES", "PARTNER",
        "KEYFED_TLS_CLIENT_CAS", partner.resolve("pki/ca.pem").toString());
  }

  @AfterAll
  void stop() throws Exception {
    closeAll(a, b);
  }

  @Test
  @Order(1)
  void sharedKeysTravelWrappedEachWayAndNothingElseLeaves() throws Exception {
    String sharedA;
    String privateA;
    byte[] keyA;
    try (KmipClient c = a.connect(KmipVersion.V2_0)) {
      sharedA = createKey(c, "for-b-" + run, "rates-" + run);
      privateA = createKey(c, "internal", "own-" + run);
      keyA = material(c, sharedA);
    }
    String sharedB;
    String privateB;
    byte[] keyB;
    try (KmipClient c = b.connect(KmipVersion.V1_4)) {
      sharedB = createKey(c, "for-a-" + run, "prices-" + run);
      privateB = createKey(c, "internal", "own-" + run);
      keyB = material(c, sharedB);
    }
    try (KmipClient c = b.connect(KmipVersion.V2_0)) {
      assertArrayEquals(keyA, awaitMaterial(c, sharedA), "org-a's shared key at org-b (sent in KMIP 1.4, wrapped)");
      assertEquals("org-a", attributes(c, sharedA).get("x-keyfed-master").asText());
      assertNotFound(c, privateA);
      // A partner's copy is read-only at the receiver: its master is the other organisation.
      KmipException refused = assertThrows(KmipException.class, () -> c.call(Operation.ACTIVATE,
          new UniqueIdentifierRequest(sharedA).encode()));
      assertEquals(ResultReason.PERMISSION_DENIED, refused.resultReason());
    }
    try (KmipClient c = a.connect(KmipVersion.V1_4)) {
      assertArrayEquals(keyB, awaitMaterial(c, sharedB), "org-b's shared key at org-a (sent in KMIP 2.1, wrapped)");
      assertNotFound(c, privateB);
    }
    // The received copies match the exchange rules' selectors at the receivers too (org-a's copy of
    // org-b's key is in group for-a-...), but a partner's key is never passed on: neither server
    // holds more of the other's objects than the one each shared.
    try (KmipClient c = a.connect(KmipVersion.V2_0)) {
      assertEquals(List.of(sharedB), mastered(c, "org-b"));
    }
    try (KmipClient c = b.connect(KmipVersion.V2_0)) {
      assertEquals(List.of(sharedA), mastered(c, "org-a"));
    }
  }

  @Test
  @Order(2)
  void nameCollisionsAreResolvedByThePeeringsPolicyAndReported() throws Exception {
    // KEEP_BOTH: org-b has its own "payroll"; org-a's arrives as "payroll@org-a".
    String localPayroll;
    try (KmipClient c = b.connect(KmipVersion.V2_0)) {
      localPayroll = createKey(c, "internal", "payroll-" + run);
    }
    String payroll;
    try (KmipClient c = a.connect(KmipVersion.V2_0)) {
      payroll = createKey(c, "for-b-" + run, "payroll-" + run);
    }
    try (KmipClient c = b.connect(KmipVersion.V2_0)) {
      awaitMaterial(c, payroll);
      assertEquals(List.of("payroll-" + run + "@org-a"), names(c, payroll));
      assertEquals(List.of("payroll-" + run), names(c, localPayroll));
      assertEquals(List.of(localPayroll), locateByName(c, "payroll-" + run));
    }

    // REJECT: org-a's "ledger" is not stored at org-b, nor are its later changes; org-a's outbox drains.
    policy(b, a, "REJECT");
    String localLedger;
    try (KmipClient c = b.connect(KmipVersion.V2_0)) {
      localLedger = createKey(c, "internal", "ledger-" + run);
    }
    String ledger;
    String after;
    try (KmipClient c = a.connect(KmipVersion.V2_0)) {
      ledger = createKey(c, "for-b-" + run, "ledger-" + run);
      c.call(Operation.ACTIVATE, new UniqueIdentifierRequest(ledger).encode());
      after = createKey(c, "for-b-" + run, "after-ledger-" + run);
    }
    try (KmipClient c = b.connect(KmipVersion.V2_0)) {
      awaitMaterial(c, after); // sent after the rejected object and its change: those were handled
      assertNotFound(c, ledger);
      assertEquals(List.of(localLedger), locateByName(c, "ledger-" + run));
    }
    await("org-a's outbox to org-b drains", () -> json(api(a, "GET", "federation/servers/org-b/status", null).body())
        .getInt("outboxDepth") == 0);

    // MASTER_WINS: org-a's "vault" keeps its name at org-b; org-b's own "vault" becomes "vault@org-b".
    policy(b, a, "MASTER_WINS");
    String localVault;
    try (KmipClient c = b.connect(KmipVersion.V2_0)) {
      localVault = createKey(c, "internal", "vault-" + run);
    }
    String vault;
    try (KmipClient c = a.connect(KmipVersion.V2_0)) {
      vault = createKey(c, "for-b-" + run, "vault-" + run);
    }
    try (KmipClient c = b.connect(KmipVersion.V2_0)) {
      awaitMaterial(c, vault);
      assertEquals(List.of("vault-" + run), names(c, vault));
      assertEquals(List.of("vault-" + run + "@org-b"), names(c, localVault));
      assertEquals(List.of(vault), locateByName(c, "vault-" + run));
    }

    // Every collision is reported by org-b's admin API, with the policy that resolved it.
    JsonArray reported = Json.createReader(new StringReader(api(b, "GET", "federation/collisions?server=org-a", null).body())).readArray();
    Map<String, String> byName = new java.util.HashMap<>();
    for (JsonValue v : reported) {
      JsonObject o = v.asJsonObject();
      byName.put(o.getString("name"), o.getString("policy") + " " + o.getString("incomingObject") + " " + o.getString("localObject"));
    }
    assertEquals("KEEP_BOTH " + payroll + " " + localPayroll, byName.get("payroll-" + run), reported.toString());
    assertEquals("REJECT " + ledger + " " + localLedger, byName.get("ledger-" + run), reported.toString());
    assertEquals("MASTER_WINS " + vault + " " + localVault, byName.get("vault-" + run), reported.toString());
    HttpResponse<String> unknown = api(b, "GET", "federation/collisions?server=nobody", null);
    assertEquals(404, unknown.statusCode(), unknown.body());
  }

  @Test
  @Order(3)
  void deletedAttributesReachThePartnerInKmip1xByNameAndIndexAndIn2xByReference() throws Exception {
    // org-a -> org-b speaks 1.4: the deletion of both instances travels as two valueless Attributes.
    deletionTravels(a, b, "for-b-" + run, "1x");
    // org-b -> org-a speaks 2.1: the deletion travels as an Attribute Reference.
    deletionTravels(b, a, "for-a-" + run, "2x");
  }

  @Test
  @Order(4)
  void aNamePassedOnAtThePeerIsNotACollisionHereWhateverTheOrderOfArrival() throws Exception {
    // At org-a, "rotated" leaves one key (renamed, as a Re-key would move it) and goes to a new
    // key. The rename and the new key travel in different lanes, which org-b applies in parallel:
    // the new key may arrive while org-b's copy of the old one still has the Name. That is no
    // collision (org-a never has two objects with one Name), so not even REJECT refuses it.
    policy(b, a, "REJECT");
    String group = "for-b-" + run;
    String name = "rotated-" + run;
    String old;
    try (KmipClient c = a.connect(KmipVersion.V2_0)) {
      old = createKey(c, group, name);
    }
    try (KmipClient c = b.connect(KmipVersion.V2_0)) {
      awaitMaterial(c, old);
    }
    String replacement;
    try (KmipClient c = a.connect(KmipVersion.V2_0)) {
      c.call(Operation.MODIFY_ATTRIBUTE, new ModifyAttributeRequest(old, nameAttribute(name), nameAttribute(name + "-old"), null, true)
          .encode(KmipVersion.V2_0));
      replacement = createKey(c, group, name);
    }
    try (KmipClient c = b.connect(KmipVersion.V2_0)) {
      awaitMaterial(c, replacement);
      await("the rename reaches org-b", () -> names(c, old).equals(List.of(name + "-old")));
      assertEquals(List.of(name), names(c, replacement));
      assertEquals(List.of(replacement), locateByName(c, name));
    }
  }

  private static Attribute nameAttribute(String value) {
    return Attribute.of(Tag.NAME, Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, value),
        Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING)));
  }

  private void deletionTravels(KeyfedServer from, KeyfedServer to, String group, String label) throws Exception {
    String uid;
    try (KmipClient c = from.connect(KmipVersion.V2_0)) {
      uid = createKey(c, group, "notes-" + label + "-" + run);
      for (String ns : List.of("ns-1", "ns-2")) {
        c.call(Operation.ADD_ATTRIBUTE, new AddAttributeRequest(uid, Attribute.of(Tag.APPLICATION_SPECIFIC_INFORMATION,
            Ttlv.structure(Tag.APPLICATION_SPECIFIC_INFORMATION, Ttlv.text(Tag.APPLICATION_NAMESPACE, ns),
                Ttlv.text(Tag.APPLICATION_DATA, "data-" + ns))), null).encode(KmipVersion.V2_0));
      }
    }
    try (KmipClient c = to.connect(KmipVersion.V2_0)) {
      awaitMaterial(c, uid);
      await(label + ": both instances arrive", () -> count(c, uid, ASI) == 2);
    }
    try (KmipClient c = from.connect(KmipVersion.V2_0)) {
      c.call(Operation.DELETE_ATTRIBUTE, new DeleteAttributeRequest(uid, ASI, null, null, true).encode(KmipVersion.V2_0));
      assertEquals(0, count(c, uid, ASI));
    }
    try (KmipClient c = to.connect(KmipVersion.V2_0)) {
      await(label + ": the deletion arrives", () -> count(c, uid, ASI) == 0);
      assertEquals(State.PRE_ACTIVE.value(), attributes(c, uid).get("State").asInt(), "the copy is otherwise intact");
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static void register(KeyfedServer at, KeyfedServer peer, String version, String policy) throws Exception {
    JsonObject r = Peers.register(at, peer, "PARTNER", Map.of("kmipVersion", version, "nameCollision", policy));
    assertEquals(version, r.getString("kmipVersion"));
    assertEquals(policy, r.getString("nameCollision"));
  }


  private static void policy(KeyfedServer at, KeyfedServer peer, String policy) throws Exception {
    JsonObject body = Json.createObjectBuilder().add("roles", Json.createArrayBuilder().add("PARTNER"))
        .add("host", "localhost").add("kmipPort", peer.kmipPort())
        .add("certificate", Files.readString(peer.home().resolve("pki/server.pem"))).add("nameCollision", policy).build();
    HttpResponse<String> r = api(at, "PUT", "federation/servers/" + peer.name(), body.toString());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(policy, json(r.body()).getString("nameCollision"));
    assertEquals("2.1", json(r.body()).getString("kmipVersion"), "an update without kmipVersion keeps it");
  }

  private static void rule(KeyfedServer at, String name, KeyfedServer partner, String group) throws Exception {
    JsonObject body = Json.createObjectBuilder().add("name", name).add("target", partner.name())
        .add("selector", Json.createObjectBuilder().add("objectGroup", group))
        .add("direction", "EXCHANGE").add("form", "WRAPPED").build();
    HttpResponse<String> r = api(at, "POST", "federation/rules", body.toString());
    assertEquals(201, r.statusCode(), r.body());
  }

  private static byte[] awaitMaterial(KmipClient c, String uid) throws Exception {
    return Peers.awaitMaterial(c, uid, PROPAGATION);
  }


  private static void assertNotFound(KmipClient c, String uid) {
    KmipException e = assertThrows(KmipException.class, () -> material(c, uid), uid + " must not be here");
    assertTrue(absent(e), e.resultReason() + ": " + e.getMessage());
  }


  private static List<Attribute> all(KmipClient c, String uid) throws Exception {
    return GetAttributesResponse.decode(c.call(Operation.GET_ATTRIBUTES,
        new GetAttributesRequest(uid, List.of()).encode(c.version()))).attributes();
  }

  private static Map<String, Ttlv> attributes(KmipClient c, String uid) throws Exception {
    Map<String, Ttlv> out = new java.util.HashMap<>();
    for (Attribute x : all(c, uid)) {
      out.putIfAbsent(x.name(), x.value());
    }
    return out;
  }

  private static int count(KmipClient c, String uid, String name) throws Exception {
    return (int) all(c, uid).stream().filter(x -> x.name().equals(name)).count();
  }

  private static List<String> names(KmipClient c, String uid) throws Exception {
    List<String> out = new ArrayList<>();
    for (Attribute x : all(c, uid)) {
      if (x.is(Tag.NAME)) {
        out.add(x.value().child(Tag.NAME_VALUE).asText());
      }
    }
    return out;
  }

  private static List<String> locateByName(KmipClient c, String name) throws Exception {
    return LocateResponse.decode(c.call(Operation.LOCATE, new LocateRequest(null, null, null, null,
        List.of(Attribute.of(Tag.NAME, Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, name),
            Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING))))).encode(c.version()))).uniqueIdentifiers();
  }

  /** The objects here whose master is {@code server}, by Locate over everything and Get Attributes. */
  private static List<String> mastered(KmipClient c, String server) throws Exception {
    List<String> out = new ArrayList<>();
    List<String> every = LocateResponse.decode(c.call(Operation.LOCATE,
        new LocateRequest(null, null, null, null, List.of()).encode(c.version()))).uniqueIdentifiers();
    for (String uid : every) {
      Ttlv master = attributes(c, uid).get("x-keyfed-master");
      if (master != null && master.asText().equals(server)) {
        out.add(uid);
      }
    }
    return out;
  }

  private static void await(String what, Peers.Check check) throws Exception {
    Peers.await(what, PROPAGATION, check);
  }

}
