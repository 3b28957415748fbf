package io.keyfed.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.keyfed.e2e.support.ArtemisBroker;
import io.keyfed.e2e.support.KeyfedServer;
import io.keyfed.e2e.support.Peers;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.GetAttributesRequest;
import io.keyfed.kmip.payload.GetAttributesResponse;
import io.keyfed.kmip.payload.LocateRequest;
import io.keyfed.kmip.payload.LocateResponse;
import io.keyfed.kmip.payload.UniqueIdentifierRequest;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The corporate broker: an edge server whose JMS is a standalone Artemis broker process (with a
 * user and password), not the embedded one, receives central's keys through it; the broker is
 * restarted while central is sending; every key arrives, once, with its state.
 */
class CorporateBrokerIT {

  private static final int KEYS = 40;
  private static final Duration PROPAGATION = Duration.ofSeconds(120);

  @Test
  void anEdgeOnAStandaloneBrokerGetsEveryKeyAcrossABrokerRestart() throws Exception {
    Path work = Path.of(System.getProperty("keyfed.work", "target/e2e-work"));
    Files.createDirectories(work);
    Path dir = Files.createTempDirectory(work, "broker-fed-");
    Peers.federationPki(dir, "central", "store-17");
    try (ArtemisBroker broker = ArtemisBroker.start("artemis");
        KeyfedServer central = KeyfedServer.startAt("central", dir.resolve("central"), Map.of("KEYFED_SERVER_NAME", "central"));
        KeyfedServer store = startStore(dir, broker)) {
      Peers.register(central, store, "EDGE");
      Peers.register(store, central, "CENTRAL");
      HttpResponse<String> r = FederationIT.api(central, "POST", "federation/rules", Json.createObjectBuilder()
          .add("name", "store-17").add("target", "store-17")
          .add("selector", Json.createObjectBuilder().add("objectGroup", "store-17"))
          .add("direction", "DOWNWARD").add("form", "PLAIN").build().toString());
      assertEquals(201, r.statusCode(), r.body());

      try (KmipClient c = central.connect(KmipVersion.V2_0)) {
        for (int i = 0; i < KEYS; i++) {
          if (i == KEYS / 2) {
            // The broker restarts mid-stream: the edge cannot queue what central sends meanwhile,
            // so central keeps it in its outbox and sends it again.
            broker.stop();
            Thread.sleep(3000);
            broker.launch();
          }
          String uid = CreateResponse.decode(c.call(Operation.CREATE, new CreateRequest(ObjectType.SYMMETRIC_KEY, List.of(
              Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
              Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 128)),
              Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, "store-17")))).encode(KmipVersion.V2_0)))
              .uniqueIdentifier();
          if (i % 2 == 0) {
            c.call(Operation.ACTIVATE, new UniqueIdentifierRequest(uid).encode());
          }
        }
      }
      Map<String, String> atCentral;
      try (KmipClient c = central.connect(KmipVersion.V2_0)) {
        atCentral = fingerprints(c);
      }
      assertEquals(KEYS, atCentral.size());
      try (KmipClient e = store.connect(KmipVersion.V2_0)) {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        Map<String, String> atEdge = fingerprints(e);
        while (!atEdge.equals(atCentral) && System.nanoTime() < deadline) {
          Thread.sleep(1000);
          atEdge = fingerprints(e);
        }
        if (!atEdge.equals(atCentral)) {
          fail("the edge has " + atEdge.size() + " of " + KEYS + " keys or different states: " + atEdge);
        }
      }
      JsonObject status = Json.createReader(new java.io.StringReader(
          FederationIT.api(central, "GET", "federation/servers/store-17/status", null).body())).readObject();
      assertEquals(0, status.getInt("outboxDepth"), status.toString());
      assertTrue(broker.isAlive(), "the broker came back and stayed up");
    }
  }

  private static KeyfedServer startStore(Path dir, ArtemisBroker broker) throws Exception {
    Map<String, String> env = new HashMap<>(broker.serverEnv());
    env.put("KEYFED_SERVER_NAME", "store-17");
    return KeyfedServer.startAt("store-17", dir.resolve("store-17"), env);
  }

  /** (unique identifier → state, digest) of every key of group store-17. */
  private static Map<String, String> fingerprints(KmipClient c) throws Exception {
    Map<String, String> out = new TreeMap<>();
    List<String> uids = LocateResponse.decode(c.call(Operation.LOCATE, new LocateRequest(null, null, null, null,
        List.of(Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, "store-17")))).encode(KmipVersion.V2_0)))
        .uniqueIdentifiers();
    for (String uid : uids) {
      StringBuilder f = new StringBuilder();
      for (Attribute a : GetAttributesResponse.decode(c.call(Operation.GET_ATTRIBUTES,
          new GetAttributesRequest(uid, List.of("State", "Digest")).encode(KmipVersion.V2_0))).attributes()) {
        f.append(a.is(Tag.STATE) ? "state=" + a.value().asInt()
            : "digest=" + HexFormat.of().formatHex(a.value().child(Tag.DIGEST_VALUE).asBytes())).append(' ');
      }
      if (out.put(uid, f.toString()) != null) {
        fail("Locate returned " + uid + " twice");
      }
    }
    return out;
  }

}
