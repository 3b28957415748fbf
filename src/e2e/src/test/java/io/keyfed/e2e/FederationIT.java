package io.keyfed.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.application.federation.Markers;
import io.keyfed.application.federation.Notifications;
import static io.keyfed.e2e.support.Peers.json;
import static io.keyfed.e2e.support.Peers.material;
import static io.keyfed.e2e.support.Peers.pki;

import io.keyfed.e2e.support.KeyfedServer;
import io.keyfed.e2e.support.Peers;
import io.keyfed.infrastructure.pki.TlsContexts;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.AddAttributeRequest;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.GetAttributesRequest;
import io.keyfed.kmip.payload.GetAttributesResponse;
import io.keyfed.kmip.payload.QueryRequest;
import io.keyfed.kmip.payload.ReKeyRequest;
import io.keyfed.kmip.payload.RevokeRequest;
import io.keyfed.kmip.payload.UniqueIdentifierRequest;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.QueryFunction;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.RevocationReasonCode;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Use cases 1, 1b and 2 of DESIGN.md with three real servers that share one federation CA:
 * central, an edge (store-17) and a site (site-b). Peers and rules are set through the admin API;
 * keys are made and used through KMIP; the servers talk to each other only through Put and
 * Notify over mutual TLS. The last test kills central with kill -9 and checks that the edge keeps
 * serving until its lease runs out, and counts down a usage allocation on its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationIT {

  private static final Duration PROPAGATION = Duration.ofSeconds(90);
  private static final long LEASE_SECONDS = 20;
  private static final long ALLOCATION = 4;

  final String run = Long.toString(System.currentTimeMillis(), 36);
  private Path dir;
  private KeyfedServer central;
  private KeyfedServer store;
  private KeyfedServer site;

  @BeforeAll
  void startThreeServers() throws Exception {
    Path work = Path.of(System.getProperty("keyfed.work", "target/e2e-work"));
    Files.createDirectories(work);
    dir = Files.createTempDirectory(work, "federation-");
    Peers.federationPki(dir, "central", "store-17", "site-b");
    List<KeyfedServer> three = Peers.startAll(start("central"), start("store-17"), start("site-b"));
    central = three.get(0);
    store = three.get(1);
    site = three.get(2);

    register(central, store, "EDGE");
    register(central, site, "SITE");
    register(store, central, "CENTRAL");
    register(site, central, "CENTRAL");
    rule(central, Json.createObjectBuilder().add("name", "store-17").add("target", "store-17")
        .add("selector", Json.createObjectBuilder().add("objectGroup", "store-17"))
        .add("direction", "DOWNWARD").add("form", "PLAIN").add("leaseSeconds", LEASE_SECONDS).build());
    rule(central, Json.createObjectBuilder().add("name", "store-17-metered").add("target", "store-17")
        .add("selector", Json.createObjectBuilder().add("objectGroup", "store-17-metered"))
        .add("direction", "DOWNWARD").add("form", "PLAIN").add("usageAllocation", ALLOCATION).build());
    rule(central, Json.createObjectBuilder().add("name", "store-17-bulk").add("target", "store-17")
        .add("selector", Json.createObjectBuilder().add("objectGroup", "store-17-bulk"))
        .add("direction", "DOWNWARD").add("form", "PLAIN").build());
    rule(central, Json.createObjectBuilder().add("name", "site-b").add("target", "site-b")
        .add("selector", Json.createObjectBuilder().add("objectGroup", "site-b"))
        .add("direction", "DOWNWARD").add("form", "WRAPPED").build());
    rule(site, Json.createObjectBuilder().add("name", "upward").add("target", "central")
        .add("selector", Json.createObjectBuilder().add("namePattern", "*"))
        .add("direction", "UPWARD").add("form", "PLAIN").build());
  }

  private Callable<KeyfedServer> start(String name) throws Exception {
    String roles = Map.of("central", "CENTRAL", "store-17", "EDGE", "site-b", "SITE").get(name);
    Map<String, String> env = new java.util.HashMap<>(serverEnv(name));
    env.put("KEYFED_SERVER_NAME", name);
    env.put("KEYFED_FEDERATION_ROLES", roles);
    return () -> KeyfedServer.startAt(name, dir.resolve(name), env);
  }

  /** Extra environment of a server (its database, in the PostgreSQL variant). */
  Map<String, String> serverEnv(String name) throws Exception {
    return Map.of();
  }

  @AfterAll
  void stop() throws Exception {
    Peers.closeAll(central, store, site);
  }

  // ---- use case 1: central to an edge, read-only ----------------------------------------------

  @Test
  @Order(1)
  void aKeyForTheEdgeArrivesThereReadOnlyAndFollowsItsMaster() throws Exception {
    String uid;
    byte[] key;
    String later;
    try (KmipClient c = central.connect(KmipVersion.V2_0)) {
      uid = create(c, "store-17", "till-key-" + run);
      c.call(Operation.ACTIVATE, new UniqueIdentifierRequest(uid).encode());
      key = material(c, uid);
      // A key whose Activation Date comes after it has reached the edge: checked at the end.
      later = CreateResponse.decode(c.call(Operation.CREATE, new CreateRequest(ObjectType.SYMMETRIC_KEY, List.of(
          Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
          Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 128)),
          Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, "store-17")),
          Attribute.of(Tag.ACTIVATION_DATE, Ttlv.dateTime(Tag.ACTIVATION_DATE, Instant.now().plusSeconds(5)))))
          .encode(KmipVersion.V2_0))).uniqueIdentifier();
    }
    try (KmipClient e = store.connect(KmipVersion.V1_4)) {
      assertArrayEquals(key, awaitMaterial(e, uid), "the edge serves the same key");
      // The Put may arrive before the Notify of the activation.
      await("the edge's copy is active", () -> attributes(e, uid).get("State").asInt() == State.ACTIVE.value());
      assertEquals("central", attributes(e, uid).get(Markers.MASTER).asText(), "the replica names its master");
      // A replica is read-only: attribute changes and lifecycle operations are refused.
      KmipException refused = assertThrows(KmipException.class, () -> e.call(Operation.ADD_ATTRIBUTE,
          new AddAttributeRequest(uid, Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, "elsewhere")), null)
              .encode(KmipVersion.V1_4)));
      assertEquals(ResultReason.PERMISSION_DENIED, refused.resultReason());
      refused = assertThrows(KmipException.class, () -> e.call(Operation.DESTROY, new UniqueIdentifierRequest(uid).encode()));
      assertEquals(ResultReason.PERMISSION_DENIED, refused.resultReason());
    }
    // A store client that knows nothing of federation: PyKMIP gets the key from the edge.
    assertEquals(HexFormat.of().formatHex(key), pykmipGetHex(store, uid));
    // Query Server Information says who the edge is.
    try (KmipClient e = store.connect(KmipVersion.V2_0)) {
      Ttlv info = e.call(Operation.QUERY, new QueryRequest(List.of(QueryFunction.QUERY_SERVER_INFORMATION)).encode())
          .child(Tag.SERVER_INFORMATION);
      assertEquals("store-17", info.child(Tag.SERVER_NAME).asText());
      assertTrue(info.child(Tag.CLUSTER_INFO).asText().contains("EDGE"), info.toString());
    }
    // The master revokes: the edge's copy follows (Notify).
    try (KmipClient c = central.connect(KmipVersion.V2_0)) {
      c.call(Operation.REVOKE, new RevokeRequest(uid, RevocationReasonCode.CESSATION_OF_OPERATION, "test", null).encode());
    }
    try (KmipClient e = store.connect(KmipVersion.V2_0)) {
      await("the edge's copy is revoked", () -> attributes(e, uid).get("State").asInt() == State.DEACTIVATED.value());
    }
    JsonObject status = json(api(central, "GET", "federation/servers/store-17/status", null).body());
    assertTrue(status.getJsonNumber("delivered").longValue() >= 2, status.toString());
    HttpResponse<String> openapi = HttpClient.newBuilder().sslContext(central.clientTls()).build().send(
        HttpRequest.newBuilder(URI.create("https://localhost:" + central.httpsPort() + "/openapi")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, openapi.statusCode(), openapi.body());
    assertTrue(openapi.body().contains("/federation/rules"), "the federation API is described in the OpenAPI document");
    assertEquals(0, status.getInt("outboxDepth"), status.toString());
    // The copy's Activation Date passes: it turns Active by its own date, as its master does, and
    // this is no client's change to a read-only copy (Get Attributes and Get still answer).
    try (KmipClient e = store.connect(KmipVersion.V2_0)) {
      awaitMaterial(e, later);
      await("the copy is Active by its Activation Date", () -> attributes(e, later).get("State").asInt() == State.ACTIVE.value());
      material(e, later);
    }
  }

  // ---- use case 1b: central to a site, wrapped under the site's transport key ------------------

  @Test
  @Order(2)
  void aKeyForTheSiteTravelsWrappedAndArrivesUsable() throws Exception {
    String uid;
    byte[] key;
    try (KmipClient c = central.connect(KmipVersion.V2_1)) {
      uid = create(c, "site-b", "site-key-" + run);
      key = material(c, uid);
    }
    try (KmipClient s = site.connect(KmipVersion.V2_1)) {
      assertArrayEquals(key, awaitMaterial(s, uid), "unwrapped on arrival with the site's own key");
      assertEquals("central", attributes(s, uid).get(Markers.MASTER).asText());
    }
    JsonArray rules = json("{\"r\":" + api(central, "GET", "federation/rules", null).body() + "}").getJsonArray("r");
    assertTrue(rules.toString().contains("\"form\":\"WRAPPED\""), rules.toString());
  }

  // ---- use case 2: a site's own keys up to central ---------------------------------------------

  @Test
  @Order(3)
  void aSitesOwnKeyGoesUpToCentralWhichMayNotChangeIt() throws Exception {
    String uid;
    byte[] key;
    try (KmipClient s = site.connect(KmipVersion.V1_2)) {
      uid = create(s, "plant-floor", "plc-key-" + run);
      key = material(s, uid);
    }
    try (KmipClient c = central.connect(KmipVersion.V2_0)) {
      assertArrayEquals(key, awaitMaterial(c, uid), "central holds the site's key");
      assertEquals("site-b", attributes(c, uid).get(Markers.MASTER).asText());
      KmipException refused = assertThrows(KmipException.class, () -> c.call(Operation.ACTIVATE, new UniqueIdentifierRequest(uid).encode()));
      assertEquals(ResultReason.PERMISSION_DENIED, refused.resultReason(), "central holds a copy, site-b the master");
    }
    // A change at the site follows upward.
    try (KmipClient s = site.connect(KmipVersion.V1_2)) {
      s.call(Operation.ACTIVATE, new UniqueIdentifierRequest(uid).encode());
    }
    try (KmipClient c = central.connect(KmipVersion.V2_0)) {
      await("central's copy is activated", () -> attributes(c, uid).get("State").asInt() == State.ACTIVE.value());
    }
    // Nothing flows down to site-b but what the downward rule selects: a key of another group made
    // at central before one of group site-b is still absent once the later one has arrived.
    String notForSite;
    String forSite;
    try (KmipClient c = central.connect(KmipVersion.V2_0)) {
      notForSite = create(c, "plant-floor", "central-only-" + run);
      forSite = create(c, "site-b", "control-" + run);
    }
    try (KmipClient s = site.connect(KmipVersion.V2_0)) {
      awaitMaterial(s, forSite);
      KmipException absent = assertThrows(KmipException.class, () -> material(s, notForSite));
      assertEquals(ResultReason.OBJECT_NOT_FOUND, absent.resultReason());
    }
  }

  // ---- the protocol: Put from a peer, and from someone who is not one --------------------------

  @Test
  @Order(4)
  void aPutReplacingAnUnknownObjectIsTreatedAsNewAndOnlyPeersMayPut() throws Exception {
    String uid = UUID.randomUUID().toString();
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    Ttlv object = Ttlv.structure(Tag.SYMMETRIC_KEY, Ttlv.structure(Tag.KEY_BLOCK,
        Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
        Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, key)),
        Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
        Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)));
    List<Attribute> attributes = new ArrayList<>(List.of(
        Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
        Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)),
        Attribute.of(Tag.STATE, Ttlv.enumeration(Tag.STATE, State.ACTIVE)),
        Markers.text(Markers.OWNER, "admin")));
    Ttlv put = Notifications.putPayload(uid, "replaced-" + UUID.randomUUID(), object, attributes, 1);

    // central's own certificate: the edge knows it as its CENTRAL peer.
    Path centralPki = central.home().resolve("pki");
    SSLContext asCentral = TlsContexts.client(centralPki.resolve("server.pem"), centralPki.resolve("server-key.pem"),
        centralPki.resolve("ca.pem"));
    try (KmipClient peer = KmipClient.connect("127.0.0.1", store.kmipPort(), asCentral, KmipVersion.V2_0)) {
      peer.call(Operation.PUT, put);
    }
    try (KmipClient e = store.connect(KmipVersion.V2_0)) {
      assertArrayEquals(key, awaitMaterial(e, uid), "a Replace whose Replaced Unique Identifier is unknown stores the object as new");
      assertEquals("central", attributes(e, uid).get(Markers.MASTER).asText());
    }
    // A peer may only change what it masters: central's Put of a key store-17 made itself cannot be
    // applied; after the broker's redeliveries it is set aside in the dead-letter queue, which the
    // admin API shows, and the edge's own key is untouched.
    String local;
    byte[] localKey;
    try (KmipClient e = store.connect(KmipVersion.V2_0)) {
      local = create(e, "local", "local-" + run);
      localKey = material(e, local);
    }
    try (KmipClient peer = KmipClient.connect("127.0.0.1", store.kmipPort(), asCentral, KmipVersion.V2_0)) {
      peer.call(Operation.PUT, Notifications.putPayload(local, null, object, attributes, 1));
    }
    await("the poison Put is in the dead-letter queue", () ->
        api(store, "GET", "federation/inbound-dead-letters", null).body().contains(local));
    try (KmipClient e = store.connect(KmipVersion.V2_0)) {
      assertArrayEquals(localKey, material(e, local), "the edge's own key is unchanged");
    }

    // An ordinary client is not a server entity: its Put (TC-NP-1) stores the client's own object,
    // never a replica, whatever markers it carries.
    String other = UUID.randomUUID().toString();
    try (KmipClient e = store.connect(KmipVersion.V2_0)) {
      List<Attribute> forged = new ArrayList<>(attributes);
      forged.add(Markers.text(Markers.MASTER, "central"));
      e.call(Operation.PUT, Notifications.putPayload(other, null, object, forged, 1));
      assertEquals(null, attributes(e, other).get(Markers.MASTER), "no master marker from a client");
      e.call(Operation.DESTROY, new UniqueIdentifierRequest(other).encode());
    }
  }

  // ---- replica permissions with the master gone ------------------------------------------------

  @Test
  @Order(5)
  void withCentralKilledTheEdgeServesUntilItsLeaseEndsAndCountsItsAllocation() throws Exception {
    String leased;
    String metered;
    try (KmipClient c = central.connect(KmipVersion.V2_0)) {
      leased = create(c, "store-17", "leased-" + run);
      c.call(Operation.ACTIVATE, new UniqueIdentifierRequest(leased).encode());
      metered = create(c, "store-17-metered", "metered-" + run);
      c.call(Operation.ACTIVATE, new UniqueIdentifierRequest(metered).encode());
    }
    try (KmipClient e = store.connect(KmipVersion.V2_0)) {
      awaitMaterial(e, leased);
      await("the metered copy has its allocation", () -> {
        try {
          return attributes(e, metered).get(Markers.USES_LEFT) != null;
        } catch (KmipException notYet) {
          return false;
        }
      });
    }
    // Central renews the lease while it is up: the edge has asked for it (Obtain Lease).
    Thread.sleep(Duration.ofSeconds(LEASE_SECONDS).toMillis());
    try (KmipClient e = store.connect(KmipVersion.V2_0)) {
      material(e, leased);
    }

    central.kill9();
    long killedAt = System.nanoTime();
    try (KmipClient e = store.connect(KmipVersion.V2_0)) {
      // The allocation: the edge counts uses itself and refuses beyond what central granted.
      long left = attributes(e, metered).get(Markers.USES_LEFT).asLong();
      assertTrue(left >= 1 && left <= ALLOCATION, "uses left " + left);
      for (long i = 0; i < left; i++) {
        material(e, metered);
      }
      KmipException exceeded = assertThrows(KmipException.class, () -> material(e, metered));
      assertEquals(ResultReason.USAGE_LIMIT_EXCEEDED, exceeded.resultReason(), exceeded.getMessage());

      // The lease: served until it runs out, then refused.
      boolean refused = false;
      while (System.nanoTime() - killedAt < Duration.ofSeconds(4 * LEASE_SECONDS).toNanos()) {
        try {
          material(e, leased);
        } catch (KmipException x) {
          assertEquals(ResultReason.PERMISSION_DENIED, x.resultReason(), x.getMessage());
          assertTrue(x.getMessage().contains("lease"), x.getMessage());
          refused = true;
          break;
        }
        Thread.sleep(1000);
      }
      assertTrue(refused, "the edge refuses the key once its lease has run out with central unreachable");
    }
    // Central returns: the lease is renewed, and a Re-key and a Revoke done centrally reach the edge.
    central = central.restart();
    try (KmipClient e = store.connect(KmipVersion.V2_0)) {
      await("the lease is renewed once central is back", () -> {
        try {
          material(e, leased);
          return true;
        } catch (KmipException x) {
          return false;
        }
      });
    }
    String replacement;
    try (KmipClient c = central.connect(KmipVersion.V2_0)) {
      replacement = c.call(Operation.RE_KEY, new ReKeyRequest(leased, null, List.of()).encode(KmipVersion.V2_0))
          .child(Tag.UNIQUE_IDENTIFIER).asText();
      c.call(Operation.REVOKE, new RevokeRequest(leased, RevocationReasonCode.SUPERSEDED, "re-keyed", null).encode());
    }
    try (KmipClient e = store.connect(KmipVersion.V2_0)) {
      awaitMaterial(e, replacement);
      await("the edge's old key is revoked", () -> attributes(e, leased).get("State").asInt() == State.DEACTIVATED.value());
    }
    JsonObject status = json(api(store, "GET", "federation/servers/central/status", null).body());
    assertNotNull(status.get("name"), status.toString());
  }

  // ---- faults: a peer down, the sender killed with its outbox full ------------------------------

  @Test
  @Order(6)
  void aBacklogWrittenWhileTheEdgeIsDownSurvivesAKillOfCentralAndArrivesExactlyOnce() throws Exception {
    store.close();
    List<String> uids = new ArrayList<>();
    try (KmipClient c = central.connect(KmipVersion.V2_0)) {
      for (int i = 0; i < BACKLOG; i++) {
        String uid = create(c, "store-17-bulk", "bulk-" + run + "-" + i);
        uids.add(uid);
        if (i % 3 == 0) {
          c.call(Operation.ACTIVATE, new UniqueIdentifierRequest(uid).encode());
        }
        if (i % 5 == 0) {
          c.call(Operation.ADD_ATTRIBUTE, new AddAttributeRequest(uid,
              Attribute.of(Tag.NAME, Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, "alias-" + run + "-" + i),
                  Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING))), null).encode(KmipVersion.V2_0));
        }
      }
    }
    await("the failed attempts are reported", () -> json(api(central, "GET", "federation/servers/store-17/status", null).body())
        .containsKey("lastError"));
    JsonObject before = json(api(central, "GET", "federation/servers/store-17/status", null).body());
    assertTrue(before.getInt("outboxDepth") > 0, "the changes wait in central's outbox: " + before);

    // kill -9 with the outbox full and undelivered, then both come back.
    central.kill9();
    List<KeyfedServer> restarted = Peers.startAll(central::restart, store::restart);
    central = restarted.get(0);
    store = restarted.get(1);
    await("central's outbox drains", () -> json(api(central, "GET", "federation/servers/store-17/status", null).body())
        .getInt("outboxDepth") == 0);

    Map<String, String> atCentral;
    try (KmipClient c = central.connect(KmipVersion.V2_0)) {
      atCentral = fingerprints(c, "store-17-bulk");
    }
    assertEquals(BACKLOG, atCentral.size());
    try (KmipClient e = store.connect(KmipVersion.V2_0)) {
      await("every object at the edge as at central", () -> fingerprints(e, "store-17-bulk").equals(atCentral));
      List<String> located = locateGroup(e, "store-17-bulk");
      assertEquals(located.size(), new java.util.HashSet<>(located).size(), "no duplicate");
    }
  }

  private static final int BACKLOG = 60;

  // ---- the admin API refuses bad requests with a problem body that says what is wrong ----------

  @Test
  @Order(7)
  void badFederationRequestsGetAProblemBodyNamingTheField() throws Exception {
    HttpResponse<String> r = api(central, "POST", "federation/rules", Json.createObjectBuilder().add("name", "bad-" + run)
        .add("target", "store-17").add("selector", Json.createObjectBuilder().add("objectGroup", "g"))
        .add("direction", "SIDEWAYS").add("form", "PLAIN").build().toString());
    assertProblem(r, 400, "direction");
    r = api(central, "POST", "federation/rules", Json.createObjectBuilder().add("name", "bad-" + run)
        .add("target", "nobody").add("selector", Json.createObjectBuilder().add("objectGroup", "g"))
        .add("direction", "DOWNWARD").add("form", "PLAIN").build().toString());
    assertTrue(r.statusCode() == 400 || r.statusCode() == 404, r.statusCode() + " " + r.body());
    assertTrue(r.body().contains("nobody"), r.body());
    r = api(central, "POST", "federation/servers", Json.createObjectBuilder().add("name", "no-cert-" + run)
        .add("roles", Json.createArrayBuilder().add("EDGE")).add("host", "localhost").add("kmipPort", 5696).build().toString());
    assertProblem(r, 400, "certificate");
    r = api(central, "POST", "federation/servers", "{not json");
    assertEquals(400, r.statusCode(), r.body());
    assertProblem(api(central, "GET", "federation/servers/nobody-" + run, null), 404, "nobody-" + run);
    r = api(central, "POST", "federation/servers", Json.createObjectBuilder().add("name", "store-17")
        .add("roles", Json.createArrayBuilder().add("EDGE")).add("host", "localhost").add("kmipPort", store.kmipPort())
        .add("certificate", Files.readString(store.home().resolve("pki/server.pem"))).build().toString());
    assertProblem(r, 409, "store-17");
  }

  private static void assertProblem(HttpResponse<String> r, int status, String mentions) {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").contains("application/problem+json"), r.headers().toString());
    JsonObject problem = json(r.body());
    assertEquals(status, problem.getInt("status"), r.body());
    assertTrue(problem.getString("detail", "").contains(mentions), "the detail names " + mentions + ": " + r.body());
  }

  /** (unique identifier → digest, state and names) of every object of a group. */
  private static Map<String, String> fingerprints(KmipClient c, String group) throws Exception {
    Map<String, String> out = new java.util.TreeMap<>();
    for (String uid : locateGroup(c, group)) {
      GetAttributesResponse r = GetAttributesResponse.decode(c.call(Operation.GET_ATTRIBUTES,
          new GetAttributesRequest(uid, List.of()).encode(c.version())));
      StringBuilder f = new StringBuilder();
      List<String> names = new ArrayList<>();
      for (Attribute a : r.attributes()) {
        if (a.is(Tag.DIGEST)) {
          f.append("digest=").append(HexFormat.of().formatHex(a.value().child(Tag.DIGEST_VALUE).asBytes())).append(' ');
        } else if (a.is(Tag.STATE)) {
          f.append("state=").append(a.value().asInt()).append(' ');
        } else if (a.is(Tag.NAME)) {
          names.add(a.value().child(Tag.NAME_VALUE).asText());
        }
      }
      java.util.Collections.sort(names);
      out.put(uid, f.append(names).toString());
    }
    return out;
  }

  private static List<String> locateGroup(KmipClient c, String group) throws Exception {
    return io.keyfed.kmip.payload.LocateResponse.decode(c.call(Operation.LOCATE, new io.keyfed.kmip.payload.LocateRequest(
        null, null, null, null, List.of(Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, group))))
        .encode(c.version()))).uniqueIdentifiers();
  }

  /** The key material as Debian's PyKMIP client gets it, in hex. */
  private static String pykmipGetHex(KeyfedServer s, String uid) throws Exception {
    String script = String.join("\n",
        "import sys",
        "from kmip.pie.client import ProxyKmipClient",
        "from kmip.core import enums",
        "c = ProxyKmipClient(hostname='127.0.0.1', port=int(sys.argv[1]), cert=sys.argv[2], key=sys.argv[3], ca=sys.argv[4],",
        "    config_file='/dev/null', kmip_version=enums.KMIPVersion.KMIP_1_2)",
        "c.open()",
        "print('KEY', c.get(sys.argv[5]).value.hex())",
        "c.close()");
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, String.valueOf(s.kmipPort()), s.clientCert().toString(),
        s.clientKey().toString(), s.caCert().toString(), uid).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0, out);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("KEY ([0-9a-f]+)").matcher(out);
    assertTrue(m.find(), out);
    return m.group(1);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static void register(KeyfedServer at, KeyfedServer peer, String role) throws Exception {
    Peers.register(at, peer, role);
  }


  private static void rule(KeyfedServer at, JsonObject body) throws Exception {
    HttpResponse<String> r = api(at, "POST", "federation/rules", body.toString());
    assertEquals(201, r.statusCode(), r.body());
  }

  static HttpResponse<String> api(KeyfedServer s, String method, String path, String json) throws Exception {
    return Peers.api(s, method, path, json);
  }


  private static String create(KmipClient c, String group, String name) throws Exception {
    return Peers.createKey(c, group, name);
  }


  /** The key once it has arrived (Object Not Found until then). */
  private static byte[] awaitMaterial(KmipClient c, String uid) throws Exception {
    return Peers.awaitMaterial(c, uid, PROPAGATION);
  }


  /** Every attribute by name (the first value of each). */
  private static Map<String, Ttlv> attributes(KmipClient c, String uid) throws Exception {
    GetAttributesResponse r = GetAttributesResponse.decode(c.call(Operation.GET_ATTRIBUTES,
        new GetAttributesRequest(uid, List.of()).encode(c.version())));
    Map<String, Ttlv> out = new java.util.HashMap<>();
    for (Attribute a : r.attributes()) {
      out.putIfAbsent(a.name(), a.value());
    }
    return out;
  }

  private static void await(String what, Peers.Check check) throws Exception {
    Peers.await(what, PROPAGATION, check);
  }

}
