package io.keyfed.e2e;

import static io.keyfed.e2e.support.Peers.api;
import static io.keyfed.e2e.support.Peers.closeAll;
import static io.keyfed.e2e.support.Peers.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.e2e.support.KeyfedServer;
import io.keyfed.e2e.support.ManyObjects;
import io.keyfed.e2e.support.Peers;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.payload.CreateKeyPairRequest;
import io.keyfed.kmip.payload.CreateKeyPairResponse;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.GetAttributesRequest;
import io.keyfed.kmip.payload.GetAttributesResponse;
import io.keyfed.kmip.payload.GetRequest;
import io.keyfed.kmip.payload.GetResponse;
import io.keyfed.kmip.payload.RegisterRequest;
import io.keyfed.kmip.payload.RegisterResponse;
import io.keyfed.kmip.payload.UniqueIdentifierRequest;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.SecretDataType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvReader;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 * Bulk export and import through the admin API (issue 7), between two real servers: server
 * {@code a} exports everything it holds with every key wrapped under a key-encryption key; the
 * file holds no key in clear; server {@code b}, given the same key-encryption key, imports it;
 * each key there has the material, State and attributes it had at {@code a}. Then what goes
 * wrong: the wrong unwrapping key, a file cut short, a file that is no export, a wrapping key
 * that may not wrap — each a clear answer, nothing half stored, nothing lost. Last, both servers
 * are killed with kill -9 while a job runs: the jobs carry on after the restart and finish whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BulkTransferIT {

  private static final int KEYS = 1500;
  private static final Duration JOB = Duration.ofMinutes(4);
  private static final int WRAP_UNWRAP = 0x10 | 0x20;

  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private KeyfedServer a;
  private KeyfedServer b;
  private String kekAtA;
  private String kekAtB;

  @BeforeAll
  void twoServers() throws Exception {
    Path work = Path.of(System.getProperty("keyfed.work", "target/e2e-work"));
    Files.createDirectories(work);
    Path dir = Files.createTempDirectory(work, "bulk-");
    // One CA and one admin client certificate for both: the keys' owner is the same identity at b.
    Peers.federationPki(dir, "a", "b");
    List<KeyfedServer> both = Peers.startAll(
        () -> KeyfedServer.startAt("a", dir.resolve("a"), Map.of("KEYFED_SERVER_NAME", "a")),
        () -> KeyfedServer.startAt("b", dir.resolve("b"), Map.of("KEYFED_SERVER_NAME", "b")));
    a = both.get(0);
    b = both.get(1);
  }

  @AfterAll
  void stop() throws Exception {
    closeAll(a, b);
  }

  @Test
  @Order(1)
  void everythingAHoldsMovesToBWrappedAndArrivesWhole() throws Exception {
    String group = "bulk-" + run;
    List<String> keys;
    String secret;
    String privateKey;
    String opaque;
    byte[] kek = random(32);
    try (KmipClient c = a.connect(KmipVersion.V2_1)) {
      keys = ManyObjects.createKeys(c, group, KEYS);
      List<io.keyfed.kmip.message.RequestBatchItem> activate = new ArrayList<>();
      for (int i = 0; i < KEYS; i += 3) {
        activate.add(ManyObjects.item(Operation.ACTIVATE, new UniqueIdentifierRequest(keys.get(i)).encode()));
      }
      ManyObjects.sendAll(c, activate);
      kekAtA = register(c, ObjectType.SYMMETRIC_KEY, aesKey(kek), WRAP_UNWRAP);
      c.call(Operation.ACTIVATE, new UniqueIdentifierRequest(kekAtA).encode());
      secret = register(c, ObjectType.SECRET_DATA, Ttlv.structure(Tag.SECRET_DATA,
          Ttlv.enumeration(Tag.SECRET_DATA_TYPE, SecretDataType.PASSWORD),
          Ttlv.structure(Tag.KEY_BLOCK, Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.OPAQUE),
              Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, random(24))))), null);
      privateKey = CreateKeyPairResponse.decode(c.call(Operation.CREATE_KEY_PAIR, new CreateKeyPairRequest(
          List.of(Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.RSA)),
              Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 2048))), List.of(), List.of())
          .encode(c.version()))).privateKeyUniqueIdentifier();
      opaque = register(c, ObjectType.OPAQUE_OBJECT, Ttlv.structure(Tag.OPAQUE_OBJECT,
          Ttlv.enumeration(Tag.OPAQUE_DATA_TYPE, 0x80000001), Ttlv.bytes(Tag.OPAQUE_DATA_VALUE, random(16))), null);
      String destroyed = CreateResponse.decode(c.call(Operation.CREATE, new CreateRequest(ObjectType.SYMMETRIC_KEY, List.of(
          Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
          Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 128)))).encode(c.version())))
          .uniqueIdentifier();
      c.call(Operation.DESTROY, new UniqueIdentifierRequest(destroyed).encode());
    }
    List<String> exported = new ArrayList<>(keys);
    exported.addAll(List.of(secret, privateKey));
    Map<String, byte[]> clearAtA = materials(a, exported);

    // The export: everything a holds (KEYS keys, the secret, the key pair; the opaque object, the
    // destroyed key and the wrapping key itself are left out, each for its reason).
    HttpResponse<String> started = api(a, "POST", "bulk/exports", "{\"wrappingKey\":\"" + kekAtA + "\"}");
    assertEquals(202, started.statusCode(), started.body());
    JsonObject job = awaitJob(a, "bulk/exports/" + json(started.body()).getInt("id"));
    assertEquals("complete", job.getString("state"), job.toString());
    assertEquals(KEYS + 6, job.getInt("total"), job.toString()); // + the wrapping key, the opaque object, the destroyed key
    assertEquals(KEYS + 3, job.getInt("exported"), job.toString()); // + secret, private and public key
    assertEquals(0, job.getInt("failed"), job.toString());
    JsonObject because = job.getJsonObject("skippedBecause");
    assertEquals(1, because.getInt("the wrapping key itself"), job.toString());
    assertEquals(1, because.getInt("destroyed (no key material left)"), job.toString());
    assertEquals(1, because.getInt("Opaque Object (no Key Block to wrap its content in)"), job.toString());
    assertEquals(1.0, job.getJsonNumber("progress").doubleValue());

    byte[] file = download(a, job.getString("file"));
    assertEquals(job.getJsonNumber("bytesWritten").longValue(), file.length);
    // No key leaves in clear: not one key's material is anywhere in the file.
    for (Map.Entry<String, byte[]> e : clearAtA.entrySet()) {
      assertFalse(contains(file, e.getValue()), e.getKey() + "'s key material is in the export file in clear");
    }
    assertFalse(contains(file, kek), "the wrapping key is in the export file");
    // The file is KMIP: Import request payloads, each key's Key Wrapping Data naming the wrapping key.
    List<Ttlv> records = records(file);
    assertEquals(KEYS + 3, records.size());
    for (Ttlv r : records) {
      Ttlv object = r.children().get(r.children().size() - 1);
      if (object.child(Tag.KEY_BLOCK) != null) {
        Ttlv kwd = object.child(Tag.KEY_BLOCK).child(Tag.KEY_WRAPPING_DATA);
        assertNotNull(kwd, "a key block not wrapped: " + r.child(Tag.UNIQUE_IDENTIFIER).asText());
        assertEquals(kekAtA, kwd.child(Tag.ENCRYPTION_KEY_INFORMATION).child(Tag.UNIQUE_IDENTIFIER).asText());
      }
    }
    assertFalse(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1).contains(opaque));

    // b gets the key-encryption key by KMIP (as an operator would carry it), under its own identifier.
    try (KmipClient c = b.connect(KmipVersion.V2_1)) {
      kekAtB = register(c, ObjectType.SYMMETRIC_KEY, aesKey(kek), WRAP_UNWRAP);
      c.call(Operation.ACTIVATE, new UniqueIdentifierRequest(kekAtB).encode());
    }
    JsonObject imported = importFile(b, file, "unwrappingKey=" + kekAtB);
    assertEquals("complete", imported.getString("state"), imported.toString());
    assertEquals(KEYS + 3, imported.getInt("imported"), imported.toString());
    assertEquals(0, imported.getInt("failed"), imported.toString());
    assertEquals(file.length, imported.getJsonNumber("bytesRead").longValue());

    // Whole at b: the same material, Digest and State, the same owner (b's client reads them).
    Map<String, byte[]> clearAtB = materials(b, exported);
    for (String uid : exported) {
      assertArrayEquals(clearAtA.get(uid), clearAtB.get(uid), uid + " arrived with other key material");
    }
    assertEquals(ManyObjects.digests(a, keys), ManyObjects.digests(b, keys));
    for (String uid : List.of(keys.get(0), keys.get(1), keys.get(KEYS - 1), secret, privateKey)) {
      Map<String, Ttlv> atA = attributes(a, uid);
      Map<String, Ttlv> atB = attributes(b, uid);
      for (String name : List.of("State", "Name", "Object Group", "Cryptographic Usage Mask", "Initial Date",
          "Activation Date", "Digest", "Cryptographic Length")) {
        assertEquals(String.valueOf(atA.get(name)), String.valueOf(atB.get(name)), uid + ": " + name);
      }
    }

    // The same file again: nothing twice — every object is already there.
    JsonObject again = importFile(b, file, "unwrappingKey=" + kekAtB);
    assertEquals(0, again.getInt("imported"), again.toString());
    assertEquals(KEYS + 3, again.getJsonObject("skippedBecause").getInt("already here (replaceExisting is false)"));

    // The jobs are listed, with their progress, for auditors too.
    HttpResponse<String> list = api(a, "GET", "bulk/exports", null);
    assertEquals(200, list.statusCode());
    assertTrue(json(list.body()).getJsonArray("exports").size() >= 1);
  }

  @Test
  @Order(2)
  void badFilesAndUnfitKeysGetClearAnswersAndLoseNothing() throws Exception {
    String group = "bulk-bad-" + run;
    List<String> keys;
    String encryptOnly;
    try (KmipClient c = a.connect(KmipVersion.V2_1)) {
      keys = ManyObjects.createKeys(c, group, 20);
      encryptOnly = register(c, ObjectType.SYMMETRIC_KEY, aesKey(random(32)), 0x04);
      c.call(Operation.ACTIVATE, new UniqueIdentifierRequest(encryptOnly).encode());
    }
    // Keys that may not wrap, or that are not there: 400 with a problem body; no job.
    HttpResponse<String> r = api(a, "POST", "bulk/exports", "{\"wrappingKey\":\"" + encryptOnly + "\"}");
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(json(r.body()).getString("detail").contains("does not allow Wrap Key"), r.body());
    r = api(a, "POST", "bulk/exports", "{\"wrappingKey\":\"no-such-key\"}");
    assertEquals(400, r.statusCode(), r.body());
    r = api(a, "POST", "bulk/exports", "{}");
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));

    // An export of one Object Group only.
    r = api(a, "POST", "bulk/exports", "{\"wrappingKey\":\"" + kekAtA + "\",\"objectGroup\":\"" + group + "\"}");
    assertEquals(202, r.statusCode(), r.body());
    JsonObject job = awaitJob(a, "bulk/exports/" + json(r.body()).getInt("id"));
    assertEquals(job.getInt("total"), job.getInt("examined"), job.toString());
    assertEquals(20, job.getInt("exported"), job.toString());
    assertEquals(0, job.getInt("skipped"), job.toString());
    byte[] file = download(a, job.getString("file"));

    // The wrong unwrapping key: every record fails with its reason; nothing is stored.
    String otherKey;
    try (KmipClient c = b.connect(KmipVersion.V2_1)) {
      otherKey = register(c, ObjectType.SYMMETRIC_KEY, aesKey(random(32)), WRAP_UNWRAP);
      c.call(Operation.ACTIVATE, new UniqueIdentifierRequest(otherKey).encode());
    }
    JsonObject wrong = importFile(b, file, "unwrappingKey=" + otherKey);
    assertEquals("complete", wrong.getString("state"), wrong.toString());
    assertEquals(0, wrong.getInt("imported"));
    assertEquals(20, wrong.getInt("failed"), wrong.toString());
    assertFalse(wrong.getJsonArray("failures").isEmpty());
    assertEquals(0, present(b, keys), "a record that failed stored something");

    // Cut short inside the 11th record: the job fails there, saying where; the ten before it are stored.
    int cut = offsetOfRecord(file, 10) + 20;
    JsonObject truncated = importFile(b, Arrays.copyOf(file, cut), "unwrappingKey=" + kekAtB);
    assertEquals("failed", truncated.getString("state"), truncated.toString());
    assertTrue(truncated.getString("error").contains("ends inside the record at byte " + offsetOfRecord(file, 10)),
        truncated.toString());
    assertEquals(10, truncated.getInt("imported"), truncated.toString());
    assertEquals(10, present(b, keys));

    // The whole file then: the ten are there already, the other ten arrive. Twenty, once each.
    JsonObject whole = importFile(b, file, "unwrappingKey=" + kekAtB);
    assertEquals(10, whole.getInt("imported"), whole.toString());
    assertEquals(10, whole.getInt("skipped"), whole.toString());
    assertEquals(20, present(b, keys));

    // Not an export at all: failed, with what was wrong.
    JsonObject garbage = importFile(b, "this is not a KMIP file, just text.".getBytes(), null);
    assertEquals("failed", garbage.getString("state"), garbage.toString());
    assertTrue(garbage.getString("error").contains("not a KMIP Request Payload"), garbage.toString());
    r = api(b, "GET", "bulk/imports/999999", null);
    assertEquals(404, r.statusCode());
    r = api(b, "GET", "bulk/exports/" + garbage.getInt("id"), null);
    assertEquals(404, r.statusCode(), "an import is not an export");
  }

  @Test
  @Order(3)
  void jobsKilledWithKill9CarryOnAfterTheRestartAndFinishWhole() throws Exception {
    // An export killed as soon as it has started: after the restart it goes on from its last
    // committed page (the file cut back to that page's end) and holds every object once.
    HttpResponse<String> r = api(a, "POST", "bulk/exports", "{\"wrappingKey\":\"" + kekAtA + "\"}");
    assertEquals(202, r.statusCode(), r.body());
    int exportId = json(r.body()).getInt("id");
    a.kill9();
    a = a.restart();
    JsonObject export = awaitJob(a, "bulk/exports/" + exportId);
    assertEquals("complete", export.getString("state"), export.toString());
    assertEquals(export.getInt("total"), export.getInt("exported") + export.getInt("skipped") + export.getInt("failed"),
        export.toString());
    byte[] file = download(a, export.getString("file"));
    List<Ttlv> records = records(file);
    assertEquals(export.getInt("exported"), records.size(), export.toString());
    assertEquals(records.size(), records.stream().map(x -> x.child(Tag.UNIQUE_IDENTIFIER).asText()).distinct().count(),
        "an object twice in the file");

    // An import (replacing what b has) killed as soon as it has started: every record is applied
    // once — the objects of a committed page are not stored again after the restart.
    HttpRequest req = HttpRequest.newBuilder(URI.create("https://localhost:" + b.httpsPort()
            + "/api/bulk/imports?replaceExisting=true&unwrappingKey=" + kekAtB))
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(file)).build();
    HttpResponse<String> started = HttpClient.newBuilder().sslContext(b.clientTls()).build()
        .send(req, HttpResponse.BodyHandlers.ofString());
    assertEquals(202, started.statusCode(), started.body());
    b.kill9();
    b = b.restart();
    JsonObject imported = awaitJob(b, "bulk/imports/" + json(started.body()).getInt("id"));
    assertEquals("complete", imported.getString("state"), imported.toString());
    assertEquals(records.size(), imported.getInt("imported"), imported.toString());
    assertEquals(0, imported.getInt("failed"), imported.toString());
    List<String> sample = new ArrayList<>();
    for (int i = 0; i < records.size(); i += 97) {
      Ttlv object = records.get(i).children().get(records.get(i).children().size() - 1);
      if (object.is(Tag.SYMMETRIC_KEY)) {
        sample.add(records.get(i).child(Tag.UNIQUE_IDENTIFIER).asText());
      }
    }
    Map<String, byte[]> atA = materials(a, sample);
    Map<String, byte[]> atB = materials(b, sample);
    for (String uid : sample) {
      assertArrayEquals(atA.get(uid), atB.get(uid), uid);
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static Ttlv aesKey(byte[] key) {
    return Ttlv.structure(Tag.SYMMETRIC_KEY, Ttlv.structure(Tag.KEY_BLOCK,
        Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
        Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, key)),
        Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
        Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, key.length * 8)));
  }

  private static String register(KmipClient c, ObjectType type, Ttlv object, Integer usageMask) throws Exception {
    List<Attribute> attributes = usageMask == null ? List.of()
        : List.of(Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, usageMask)));
    return RegisterResponse.decode(c.call(Operation.REGISTER, new RegisterRequest(type, attributes, object).encode(c.version())))
        .uniqueIdentifier();
  }

  /** Each object's Key Material (a private key's PKCS#8), by Get. */
  private static Map<String, byte[]> materials(KeyfedServer s, List<String> uids) throws Exception {
    Map<String, byte[]> out = new HashMap<>();
    try (KmipClient c = s.connect(KmipVersion.V2_1)) {
      for (String uid : uids) {
        GetResponse g = GetResponse.decode(c.call(Operation.GET, new GetRequest(uid, null, null, null, null).encode()));
        out.put(uid, g.object().child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL).asBytes());
      }
    }
    return out;
  }

  private static Map<String, Ttlv> attributes(KeyfedServer s, String uid) throws Exception {
    Map<String, Ttlv> out = new HashMap<>();
    try (KmipClient c = s.connect(KmipVersion.V2_1)) {
      for (Attribute at : GetAttributesResponse.decode(c.call(Operation.GET_ATTRIBUTES,
          new GetAttributesRequest(uid, List.of()).encode(c.version()))).attributes()) {
        out.putIfAbsent(at.name(), at.value());
      }
    }
    return out;
  }

  /** How many of {@code uids} the server holds (Get Attributes answers). */
  private static int present(KeyfedServer s, List<String> uids) throws Exception {
    int n = 0;
    try (KmipClient c = s.connect(KmipVersion.V2_1)) {
      for (String uid : uids) {
        try {
          c.call(Operation.GET_ATTRIBUTES, new GetAttributesRequest(uid, List.of("State")).encode(c.version()));
          n++;
        } catch (io.keyfed.kmip.message.KmipException e) {
          assertTrue(Peers.absent(e), e.getMessage());
        }
      }
    }
    return n;
  }

  private static JsonObject awaitJob(KeyfedServer s, String path) throws Exception {
    JsonObject[] last = new JsonObject[1];
    Peers.await("bulk job " + path + " finished", JOB, () -> {
      HttpResponse<String> r = api(s, "GET", path, null);
      assertEquals(200, r.statusCode(), r.body());
      last[0] = json(r.body());
      return !"running".equals(last[0].getString("state"));
    });
    return last[0];
  }

  private static JsonObject importFile(KeyfedServer s, byte[] file, String query) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("https://localhost:" + s.httpsPort() + "/api/bulk/imports"
            + (query == null ? "" : "?" + query)))
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(file)).build();
    HttpResponse<String> r = HttpClient.newBuilder().sslContext(s.clientTls()).build().send(req, HttpResponse.BodyHandlers.ofString());
    assertEquals(202, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Location").orElse("").contains("/api/bulk/imports/"));
    return awaitJob(s, "bulk/imports/" + json(r.body()).getInt("id"));
  }

  private static byte[] download(KeyfedServer s, String path) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("https://localhost:" + s.httpsPort() + path)).GET().build();
    HttpResponse<byte[]> r = HttpClient.newBuilder().sslContext(s.clientTls()).build().send(req, HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    return r.body();
  }

  /** The file's records, read as any KMIP tool would: one TTLV structure after another. */
  private static List<Ttlv> records(byte[] file) throws Exception {
    List<Ttlv> out = new ArrayList<>();
    int at = 0;
    while (at < file.length) {
      int len = 8 + ByteBuffer.wrap(file, at + 4, 4).getInt();
      Ttlv r = new TtlvReader().read(Arrays.copyOfRange(file, at, at + len));
      assertTrue(r.is(Tag.REQUEST_PAYLOAD));
      out.add(r);
      at += len;
    }
    return out;
  }

  private static int offsetOfRecord(byte[] file, int index) {
    int at = 0;
    for (int i = 0; i < index; i++) {
      at += 8 + ByteBuffer.wrap(file, at + 4, 4).getInt();
    }
    return at;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
