package io.keyfed.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.e2e.support.KeyfedServer;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.GetRequest;
import io.keyfed.kmip.payload.GetResponse;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Key material at rest and the master key, end to end: the H2 database file and the server log
 * hold none of the keys' raw bytes; a master-key rotation through the admin API re-seals every
 * object, survives a kill -9 in the middle (the re-sealing resumes from the data), and the old
 * key can be retired afterwards while every key still reads back unchanged.
 */
class MasterKeyIT {

  static final int OBJECTS = 600;

  @Test
  void keysAreSealedAtRestAndTheMasterKeyRotatesResumably() throws Exception {
    // Small batches, so that a kill -9 lands in the middle of the re-sealing.
    KeyfedServer server = KeyfedServer.start("master-key", Map.of("KEYFED_MASTER_KEY_REWRAP_BATCH", "5"));
    Map<String, byte[]> keys = new LinkedHashMap<>();
    String first;
    String second;
    try {
      try (KmipClient c = server.connect(KmipVersion.V2_0)) {
        for (int i = 0; i < OBJECTS; i++) {
          String uid = CreateResponse.decode(c.call(Operation.CREATE, new CreateRequest(ObjectType.SYMMETRIC_KEY, List.of(
              Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
              Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)))).encode(KmipVersion.V2_0)))
              .uniqueIdentifier();
          keys.put(uid, material(c, uid));
        }
      }
      first = currentKey(api(server, "GET", "master-key").body());

      // Rotate, and kill the server as soon as re-sealing has visibly started.
      HttpResponse<String> rotated = api(server, "POST", "master-key/rotate");
      assertEquals(202, rotated.statusCode(), rotated.body());
      second = currentKey(rotated.body());
      assertFalse(first.equals(second), "a new current key");
      String s;
      do {
        s = api(server, "GET", "master-key").body();
      } while (s.contains("\"rewrapRunning\":true") && (count(s, first) == 0 || count(s, second) == 0));
      server.kill9();
      System.out.println("killed with " + count(s, first) + " objects under the old key and " + count(s, second) + " under the new");
    } finally {
      server.close();
    }

    KeyfedServer again = server.restart();
    try {
      String s = api(again, "GET", "master-key").body();
      assertEquals(second, currentKey(s), "the rotated key is current after the restart");
      HttpResponse<String> resumed = api(again, "POST", "master-key/rewrap");
      assertEquals(202, resumed.statusCode(), resumed.body());
      do {
        Thread.sleep(200);
        s = api(again, "GET", "master-key").body();
      } while (s.contains("\"rewrapRunning\":true"));
      assertFalse(s.contains("lastError"), s);
      assertEquals(OBJECTS, count(s, currentKey(s)), "every object under the current key: " + s);

      // The previous key is no longer needed: retire it; every key still reads back the same.
      String previous = previousKey(s);
      assertEquals(200, api(again, "DELETE", "master-key/" + previous).statusCode());
      try (Stream<Path> files = Files.list(again.home())) {
        assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(previous)), "previous key file removed");
      }
      try (KmipClient c = again.connect(KmipVersion.V1_4)) {
        for (Map.Entry<String, byte[]> e : keys.entrySet()) {
          assertArrayEquals(e.getValue(), material(c, e.getKey()), "key " + e.getKey());
        }
      }
    } finally {
      again.close();
    }

    // At rest: no key's raw bytes in the database file or the log, in binary, hex or Base64.
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(server.home())) {
      walk.filter(p -> p.toString().endsWith(".mv.db") || p.toString().endsWith(".trace.db")).forEach(files::add);
    }
    files.add(server.log());
    assertTrue(files.size() >= 2, "database file found: " + files);
    for (Path f : files) {
      byte[] content = Files.readAllBytes(f);
      String text = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
      for (Map.Entry<String, byte[]> e : keys.entrySet()) {
        assertFalse(contains(content, e.getValue()), "raw key " + e.getKey() + " in " + f);
        assertFalse(text.contains(HexFormat.of().formatHex(e.getValue())), "hex key in " + f);
        assertFalse(text.contains(Base64.getEncoder().encodeToString(e.getValue())), "Base64 key in " + f);
      }
    }
  }

  static byte[] material(KmipClient c, String uid) throws Exception {
    GetResponse r = GetResponse.decode(c.call(Operation.GET, new GetRequest(uid, null, null, null, null).encode()));
    return r.object().child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL).asBytes();
  }

  static HttpResponse<String> api(KeyfedServer s, String method, String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + s.httpsPort() + "/api/" + path));
    b.method(method, HttpRequest.BodyPublishers.noBody());
    return HttpClient.newBuilder().sslContext(s.clientTls()).build().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String currentKey(String json) {
    Matcher m = Pattern.compile("\"currentKey\":\"([0-9a-f]{16})\"").matcher(json);
    assertTrue(m.find(), json);
    return m.group(1);
  }

  /** The second entry of loadedKeys (the previous key). */
  static String previousKey(String json) {
    Matcher m = Pattern.compile("\"loadedKeys\":\\[\"([0-9a-f]{16})\",\"([0-9a-f]{16})\"").matcher(json);
    assertTrue(m.find(), json);
    return m.group(2);
  }

  static long count(String json, String keyId) {
    Matcher m = Pattern.compile("\"" + keyId + "\":(\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
