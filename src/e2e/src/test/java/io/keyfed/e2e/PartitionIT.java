package io.keyfed.e2e;

import static io.keyfed.e2e.support.Peers.absent;
import static io.keyfed.e2e.support.Peers.api;
import static io.keyfed.e2e.support.Peers.closeAll;
import static io.keyfed.e2e.support.Peers.json;
import static io.keyfed.e2e.support.Peers.material;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.e2e.support.KeyfedServer;
import io.keyfed.e2e.support.ManyObjects;
import io.keyfed.e2e.support.Peers;
import io.keyfed.infrastructure.pki.TlsContexts;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.payload.AddAttributeRequest;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.GetAttributesRequest;
import io.keyfed.kmip.payload.GetAttributesResponse;
import io.keyfed.kmip.payload.LocateRequest;
import io.keyfed.kmip.payload.LocateResponse;
import io.keyfed.kmip.payload.RevokeRequest;
import io.keyfed.kmip.payload.UniqueIdentifierRequest;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.LinkType;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.RevocationReasonCode;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvWriter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Use case 4 of DESIGN.md, partitioning, with two real servers: an operator splits one object
 * group off server {@code main} to a new server {@code part-a} through the admin API (a MOVE
 * rule). {@code main} is killed with kill -9 while the move runs and restarted; the move resumes
 * and completes, and the multiset of (Unique Identifier, Digest) over both servers equals what
 * {@code main} held before — nothing lost, nothing twice. Moved objects keep their attributes,
 * links and lifecycle State, belong to {@code part-a} now (it may change them), and {@code main}
 * answers a request for one with Object Not Found naming {@code part-a}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionIT {

  private static final int MOVED = 3000;
  private static final int STAYING = 100;
  private static final Duration MOVE = Duration.ofMinutes(5);
  /** What a move may change: the federation's markers and the Last Change Date. */
  private static final List<String> NOT_COMPARED = List.of("Last Change Date", "Fresh");

  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private KeyfedServer main;
  private KeyfedServer part;
  private Path dir;
  /** What part-a holds once the move is done. */
  private List<String> atPartAfterMove = List.of();

  @BeforeAll
  void twoServers() throws Exception {
    Path work = Path.of(System.getProperty("keyfed.work", "target/e2e-work"));
    Files.createDirectories(work);
    dir = Files.createTempDirectory(work, "partition-");
    Peers.federationPki(dir, "main", "part-a");
    List<KeyfedServer> both = Peers.startAll(
        () -> KeyfedServer.startAt("main", dir.resolve("main"), Map.of("KEYFED_SERVER_NAME", "main", "KEYFED_FEDERATION_ROLES", "CENTRAL")),
        () -> KeyfedServer.startAt("part-a", dir.resolve("part-a"),
            Map.of("KEYFED_SERVER_NAME", "part-a", "KEYFED_FEDERATION_ROLES", "PARTITION")));
    main = both.get(0);
    part = both.get(1);
    Peers.register(main, part, "PARTITION");
    Peers.register(part, main, "CENTRAL");
  }

  @AfterAll
  void stop() throws Exception {
    closeAll(main, part);
  }

  @Test
  @Order(1)
  void aGroupMovesToItsPartitionWholeAndOnceThroughAKillOfTheOldServer() throws Exception {
    String group = "split-" + run;
    List<String> moving;
    List<String> staying;
    String linked;
    try (KmipClient c = main.connect(KmipVersion.V2_0)) {
      moving = ManyObjects.createKeys(c, group, MOVED);
      staying = ManyObjects.createKeys(c, "stays-" + run, STAYING);
      // History to carry: a third Active, some of those then revoked, one with a Link and a second Name.
      List<RequestBatchItem> lifecycle = new ArrayList<>();
      for (int i = 0; i < MOVED; i += 3) {
        lifecycle.add(ManyObjects.item(Operation.ACTIVATE, new UniqueIdentifierRequest(moving.get(i)).encode()));
      }
      ManyObjects.sendAll(c, lifecycle);
      lifecycle.clear();
      for (int i = 0; i < MOVED; i += 9) {
        lifecycle.add(ManyObjects.item(Operation.REVOKE, new RevokeRequest(moving.get(i + 3 < MOVED ? i + 3 : i),
            RevocationReasonCode.CESSATION_OF_OPERATION, "retired", null).encode()));
      }
      ManyObjects.sendAll(c, lifecycle);
      linked = moving.get(1);
      c.call(Operation.ADD_ATTRIBUTE, new AddAttributeRequest(linked, Attribute.of(Tag.LINK, Ttlv.structure(Tag.LINK,
          Ttlv.enumeration(Tag.LINK_TYPE, LinkType.PARENT_LINK), Ttlv.text(Tag.LINKED_OBJECT_IDENTIFIER, moving.get(0)))), null)
          .encode(KmipVersion.V2_0));
    }
    Map<String, String> before = ManyObjects.digests(main, ManyObjects.allHere(main));
    assertEquals(MOVED + STAYING, before.size());
    Map<String, Map<String, List<String>>> sample = new HashMap<>();
    for (String uid : List.of(moving.get(0), linked, moving.get(2), moving.get(3), moving.get(MOVED - 1))) {
      sample.put(uid, comparable(main, uid));
    }

    // The operator splits the group off.
    JsonObject rule = Json.createObjectBuilder().add("name", "split-a").add("target", "part-a")
        .add("selector", Json.createObjectBuilder().add("objectGroup", group)).add("direction", "MOVE").add("form", "PLAIN").build();
    HttpResponse<String> created = api(main, "POST", "federation/rules", rule.toString());
    assertEquals(201, created.statusCode(), created.body());
    assertTrue(json(created.body()).containsKey("move"), created.body());

    // Killed mid-move: as soon as some objects have moved and not all.
    JsonObject atKill = null;
    long deadline = System.nanoTime() + MOVE.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject move = progress();
      if (move.getInt("moved") > 0) {
        atKill = move;
        break;
      }
      Thread.sleep(50); // a poll interval
    }
    assertTrue(atKill != null, "nothing moved within " + MOVE);
    main.kill9();
    assertFalse(atKill.getBoolean("complete"), "the kill came after the move had finished: " + atKill);
    main = main.restart();

    Peers.await("the move completes after the restart", MOVE, () -> progress().getBoolean("complete"));
    JsonObject done = progress();
    assertEquals(MOVED, done.getInt("moved"), done.toString());
    assertEquals(0, done.getInt("left"), done.toString());
    assertEquals(MOVED, done.getInt("total"), done.toString());

    // Nothing lost, nothing twice: (uid, Digest) over both servers is what main held before.
    Peers.await("part-a has applied every object it received", MOVE, () -> ManyObjects.allHere(part).size() >= MOVED);
    List<String> atMain = ManyObjects.allHere(main);
    List<String> atPart = ManyObjects.allHere(part);
    assertEquals(STAYING, atMain.size(), "main keeps the other group only");
    assertEquals(MOVED, atPart.size(), "part-a holds the group, each object once");
    Map<String, String> after = new TreeMap<>(ManyObjects.digests(main, atMain));
    Map<String, String> moved = ManyObjects.digests(part, atPart);
    for (String uid : moved.keySet()) {
      assertNull(after.put(uid, moved.get(uid)), uid + " is on both servers");
    }
    assertEquals(new TreeMap<>(before), after, "the multiset of (Unique Identifier, Digest) over the partitions");
    assertTrue(atMain.containsAll(staying));
    assertTrue(atPart.containsAll(moving));

    // Attributes, links and State came along; part-a masters the objects now.
    for (Map.Entry<String, Map<String, List<String>>> e : sample.entrySet()) {
      assertEquals(e.getValue(), comparable(part, e.getKey()), "the attributes of " + e.getKey());
    }
    try (KmipClient p = part.connect(KmipVersion.V2_0)) {
      Map<String, Ttlv> first = attributes(p, moving.get(0));
      assertEquals(State.ACTIVE.value(), first.get("State").asInt());
      assertEquals("main", first.get("x-keyfed-moved-from").asText());
      assertFalse(first.containsKey("x-keyfed-master"), "a moved object is part-a's own, not a replica");
      // Its own: part-a lets its owner change it (an Activate of a Pre-Active one).
      p.call(Operation.ACTIVATE, new UniqueIdentifierRequest(moving.get(2)).encode());
      assertEquals(State.ACTIVE.value(), attributes(p, moving.get(2)).get("State").asInt());
      material(p, linked);
    }
    // The old server names the new one.
    try (KmipClient c = main.connect(KmipVersion.V1_4)) {
      KmipException gone = assertThrows(KmipException.class, () -> material(c, moving.get(5)));
      assertTrue(absent(gone), gone.resultReason() + " " + gone.getMessage());
      assertTrue(gone.getMessage().contains("part-a"), gone.getMessage());
      // A new object of the group, made at main after the split, goes to part-a too.
      String late = Peers.createKey(c, group, "late-" + run);
      byte[] key = material(c, late);
      try (KmipClient p = part.connect(KmipVersion.V2_0)) {
        assertArrayEquals(key, Peers.awaitMaterial(p, late, MOVE));
      }
      Peers.await("the late object leaves main", MOVE, () -> {
        try {
          material(c, late);
          return false;
        } catch (KmipException e) {
          return absent(e);
        }
      });
    }
    String log = Files.readString(main.log());
    assertTrue(log.contains("partition move split-a to part-a"), "the move's progress is logged");
    atPartAfterMove = ManyObjects.allHere(part);
  }

  /**
   * A peer enumerates what a server's rules send it with a resumable Locate: pages of Maximum
   * Items at growing Offset Items, Located Items the total each time, a page asked again on a new
   * connection the same, every object once. part-a reports the moved group up to main; main, as
   * a peer (its server certificate), pages through part-a's objects of the group — whoever owns
   * them — and sees nothing else (part-a's own other keys).
   */
  @Test
  @Order(2)
  void aPeerPagesThroughWhatTheRulesSendItAndCanResume() throws Exception {
    assertEquals(MOVED + 1, atPartAfterMove.size(), "the move left part-a with the group");
    String other;
    try (KmipClient p = part.connect(KmipVersion.V2_0)) {
      other = Peers.createKey(p, "part-a-own-" + run, "own-" + run);
    }
    JsonObject rule = Json.createObjectBuilder().add("name", "report").add("target", "main")
        .add("selector", Json.createObjectBuilder().add("objectGroup", "split-" + run)).add("direction", "UPWARD").add("form", "PLAIN").build();
    HttpResponse<String> created = api(part, "POST", "federation/rules", rule.toString());
    assertEquals(201, created.statusCode(), created.body());

    Path pki = main.home().resolve("pki");
    javax.net.ssl.SSLContext asMain = TlsContexts.client(pki.resolve("server.pem"), pki.resolve("server-key.pem"), pki.resolve("ca.pem"));
    int pageSize = 500;
    List<String> seen = new ArrayList<>();
    List<String> third = null;
    for (int offset = 0; ; offset += pageSize) {
      try (KmipClient peer = KmipClient.connect("127.0.0.1", part.kmipPort(), asMain, KmipVersion.V1_4)) {
        LocateResponse r = LocateResponse.decode(peer.call(Operation.LOCATE,
            new LocateRequest(pageSize, offset, null, null, List.of()).encode(peer.version())));
        assertEquals(MOVED + 1, r.locatedItems().intValue(), "Located Items: every object the rule sends");
        seen.addAll(r.uniqueIdentifiers());
        if (offset == 2 * pageSize) {
          third = r.uniqueIdentifiers();
        }
        if (r.uniqueIdentifiers().size() < pageSize) {
          break;
        }
      }
    }
    assertEquals(MOVED + 1, seen.size(), "each object once");
    assertEquals(new java.util.TreeSet<>(atPartAfterMove), new java.util.TreeSet<>(seen));
    assertFalse(seen.contains(other), "nothing the rules do not send");
    try (KmipClient peer = KmipClient.connect("127.0.0.1", part.kmipPort(), asMain, KmipVersion.V2_0)) {
      LocateResponse again = LocateResponse.decode(peer.call(Operation.LOCATE,
          new LocateRequest(pageSize, 2 * pageSize, null, null, List.of()).encode(peer.version())));
      assertEquals(third, again.uniqueIdentifiers(), "a page asked again, in another protocol version, is the same");
      // And the peer may Get what it located.
      Peers.material(peer, seen.get(0));
    }
  }

  private JsonObject progress() throws Exception {
    HttpResponse<String> r = api(main, "GET", "federation/rules/split-a", null);
    assertEquals(200, r.statusCode(), r.body());
    return json(r.body()).getJsonObject("move");
  }

  /** {@code n} AES keys in one group, 100 Creates to a request message. */
  private static Map<String, Ttlv> attributes(KmipClient c, String uid) throws Exception {
    Map<String, Ttlv> out = new HashMap<>();
    for (Attribute a : GetAttributesResponse.decode(c.call(Operation.GET_ATTRIBUTES,
        new GetAttributesRequest(uid, List.of()).encode(c.version()))).attributes()) {
      out.putIfAbsent(a.name(), a.value());
    }
    return out;
  }

  /** An object's attributes as a move must keep them: all but the federation's markers and the change-tracking ones. */
  private static Map<String, List<String>> comparable(KeyfedServer s, String uid) throws Exception {
    Map<String, List<String>> out = new TreeMap<>();
    try (KmipClient c = s.connect(KmipVersion.V2_0)) {
      for (Attribute a : GetAttributesResponse.decode(c.call(Operation.GET_ATTRIBUTES,
          new GetAttributesRequest(uid, List.of()).encode(c.version()))).attributes()) {
        if (!a.name().startsWith("x-keyfed-") && !NOT_COMPARED.contains(a.name())) {
          out.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(HexFormat.of().formatHex(TtlvWriter.encode(a.value())));
        }
      }
    }
    return out;
  }
}
