package io.keyfed.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyfed.e2e.support.KeyfedServer;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.CreateKeyPairRequest;
import io.keyfed.kmip.payload.CreateKeyPairResponse;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.GetRequest;
import io.keyfed.kmip.payload.GetResponse;
import io.keyfed.kmip.payload.RegisterRequest;
import io.keyfed.kmip.payload.RegisterResponse;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.CryptographicUsageMask;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.SecretDataType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Secrets stay secret (issue 5): key material is sealed in the database and never written to a
 * log. A server gets keys by every way in — registered with known bytes, created and then read
 * back in Raw and Transparent form, a private key in PKCS#8, Secret Data, key bytes inside a
 * refused Register and inside a malformed message — and once it is stopped, its whole log and
 * every file of its home (the H2 database included), and a plain {@code pg_dump} of its
 * PostgreSQL database, are searched for each key as raw bytes, lower- and upper-case hex and
 * Base64. None may be found.
 */
class SecretsAtRestIT {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void onH2NoKeyIsInTheDatabaseFilesOrTheLog() throws Exception {
    Map<String, byte[]> keys;
    KeyfedServer server = KeyfedServer.start("secrets-h2", Map.of());
    try {
      keys = exercise(server);
    } finally {
      server.close();
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(server.home())) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.stream().anyMatch(f -> f.toString().endsWith(".mv.db")), "the H2 database file: " + files);
    List<String> found = new ArrayList<>();
    for (Path f : files) {
      found.addAll(search(f.toString(), Files.readAllBytes(f), keys));
    }
    found.addAll(search(server.log().toString(), Files.readAllBytes(server.log()), keys));
    System.out.printf("searched %d files of the home and the log for %d keys%n", files.size(), keys.size());
    assertEquals(List.of(), found, "key material found at rest or in the log");
  }

  @Test
  void onPostgresNoKeyIsInADumpOrTheLog() throws Exception {
    String url = System.getenv("KEYFED_TEST_PG_URL");
    String bin = System.getenv("KEYFED_TEST_PG_BIN");
    if (Boolean.getBoolean("keyfed.e2e.requireAll")) {
      assertTrue(url != null && bin != null, "KEYFED_TEST_PG_URL and KEYFED_TEST_PG_BIN: deploy/test.sh sets them");
    }
    assumeTrue(url != null && bin != null, "no PostgreSQL for this run");
    String user = System.getenv().getOrDefault("KEYFED_TEST_PG_USER", "postgres");
    String password = System.getenv().getOrDefault("KEYFED_TEST_PG_PASSWORD", "");
    String database = "keyfed_secrets_" + Long.toHexString(System.nanoTime());
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      c.createStatement().execute("CREATE DATABASE " + database);
    }
    String dbUrl = url.substring(0, url.lastIndexOf('/') + 1) + database;
    Map<String, byte[]> keys;
    KeyfedServer server = KeyfedServer.start("secrets-pg", KeyfedServer.postgresEnv(dbUrl, user, password));
    try {
      keys = exercise(server);
    } finally {
      server.close();
    }
    java.net.URI u = java.net.URI.create(dbUrl.substring("jdbc:".length()));
    ProcessBuilder pb = new ProcessBuilder(Path.of(bin, "pg_dump").toString(), "-h", u.getHost(), "-p",
        String.valueOf(u.getPort()), "-U", user, "--no-password", database).redirectErrorStream(false);
    pb.environment().put("PGPASSWORD", password);
    Process p = pb.start();
    ByteArrayOutputStream dump = new ByteArrayOutputStream();
    p.getInputStream().transferTo(dump);
    String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pg_dump finished");
    assertEquals(0, p.exitValue(), "pg_dump: " + errors);
    String text = dump.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("kf_object") || text.contains("KF_OBJECT"), "the dump holds the objects table");
    List<String> found = new ArrayList<>(search("pg_dump " + database, dump.toByteArray(), keys));
    found.addAll(search(server.log().toString(), Files.readAllBytes(server.log()), keys));
    System.out.printf("searched a %d-byte pg_dump and the log for %d keys%n", dump.size(), keys.size());
    assertEquals(List.of(), found, "key material found in the PostgreSQL dump or the log");
  }

  @Test
  void theSearchFindsEveryFormItLooksFor() {
    byte[] key = random(32);
    Map<String, byte[]> keys = Map.of("k", key);
    byte[] raw = new byte[100];
    System.arraycopy(key, 0, raw, 40, 32);
    assertEquals(List.of("k as raw in buffer"), search("buffer", raw, keys));
    String hex = "x=" + HexFormat.of().formatHex(key).toUpperCase(Locale.ROOT) + ";";
    assertEquals(List.of("k as HEX in log"), search("log", hex.getBytes(StandardCharsets.US_ASCII), keys));
    String b64 = "[" + Base64.getEncoder().encodeToString(key) + "]";
    assertEquals(List.of("k as base64 in log"), search("log", b64.getBytes(StandardCharsets.US_ASCII), keys));
  }

  /** Puts keys into the server by every way in; returns them by name. */
  private static Map<String, byte[]> exercise(KeyfedServer server) throws Exception {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    try (KmipClient c = server.connect(KmipVersion.V2_1)) {
      byte[] registered = random(32);
      keys.put("registered AES-256", registered);
      String regId = RegisterResponse.decode(c.call(Operation.REGISTER, new RegisterRequest(ObjectType.SYMMETRIC_KEY,
          aes(256), symmetricKey(registered)).encode(c.version()))).uniqueIdentifier();
      assertTrue(Arrays.equals(registered, material(get(c, regId, null))), "the registered key reads back");

      String created = CreateResponse.decode(c.call(Operation.CREATE,
          new CreateRequest(ObjectType.SYMMETRIC_KEY, aes(256)).encode(c.version()))).uniqueIdentifier();
      keys.put("created AES-256", material(get(c, created, null)));

      byte[] secret = random(24);
      keys.put("Secret Data", secret);
      c.call(Operation.REGISTER, new RegisterRequest(ObjectType.SECRET_DATA, List.of(), Ttlv.structure(Tag.SECRET_DATA,
          Ttlv.enumeration(Tag.SECRET_DATA_TYPE, SecretDataType.PASSWORD), keyBlock(KeyFormatType.OPAQUE, secret)))
          .encode(c.version()));

      CreateKeyPairResponse pair = CreateKeyPairResponse.decode(c.call(Operation.CREATE_KEY_PAIR, new CreateKeyPairRequest(
          List.of(Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.RSA)),
              Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 2048))),
          List.of(Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.SIGN.value()))),
          List.of(Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.VERIFY.value()))))
          .encode(c.version())));
      byte[] pkcs8 = material(get(c, pair.privateKeyUniqueIdentifier(), KeyFormatType.PKCS_8));
      // The whole DER, and 32 bytes from its middle (private material, not the public header).
      keys.put("RSA private key (PKCS#8)", pkcs8);
      keys.put("RSA private key (middle 32 bytes)", Arrays.copyOfRange(pkcs8, pkcs8.length / 2, pkcs8.length / 2 + 32));

      byte[] refused = random(32);
      keys.put("key in a refused Register", refused);
      List<Attribute> bad = new ArrayList<>(aes(256));
      bad.add(Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 99)));
      assertThrows(KmipException.class, () -> c.call(Operation.REGISTER,
          new RegisterRequest(ObjectType.SYMMETRIC_KEY, bad, symmetricKey(refused)).encode(c.version())));
    }
    try (KmipClient c14 = server.connect(KmipVersion.V1_4)) {
      String created = CreateResponse.decode(c14.call(Operation.CREATE,
          new CreateRequest(ObjectType.SYMMETRIC_KEY, aes(128)).encode(c14.version()))).uniqueIdentifier();
      byte[] raw = material(get(c14, created, null));
      keys.put("created AES-128 (1.4)", raw);
      Ttlv transparent = get(c14, created, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY);
      assertTrue(Arrays.equals(raw, transparent.child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL)
          .child(Tag.KEY).asBytes()), "Transparent form: the same key");
    }
    // Key bytes inside a message the server cannot read: answered Invalid Message, never echoed to the log.
    byte[] inGarbage = random(32);
    keys.put("key in a malformed message", inGarbage);
    try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) server.clientTls().getSocketFactory()
        .createSocket("127.0.0.1", server.kmipPort())) {
      s.setSoTimeout(30_000);
      ByteArrayOutputStream m = new ByteArrayOutputStream();
      m.write(new byte[] {0x42, 0x00, 0x78, 0x01, 0, 0, 0, 48});
      m.write(new byte[] {0x42, 0x00, 0x43, 0x08, 0, 0, 0, 32});
      m.write(inGarbage);
      m.write(new byte[8]);
      s.getOutputStream().write(m.toByteArray());
      s.getOutputStream().flush();
      s.getInputStream().read(new byte[8]);
    }
    return keys;
  }

  private static List<Attribute> aes(int bits) {
    return List.of(
        Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
        Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, bits)),
        Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
            CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value())));
  }

  private static Ttlv keyBlock(KeyFormatType format, byte[] material) {
    return Ttlv.structure(Tag.KEY_BLOCK, Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, format),
        Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, material)));
  }

  private static Ttlv symmetricKey(byte[] key) {
    return Ttlv.structure(Tag.SYMMETRIC_KEY, Ttlv.structure(Tag.KEY_BLOCK,
        Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
        Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, key)),
        Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
        Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, key.length * 8)));
  }

  private static Ttlv get(KmipClient c, String uid, KeyFormatType format) throws Exception {
    return GetResponse.decode(c.call(Operation.GET, new GetRequest(uid, format, null, null, null).encode())).object();
  }

  private static byte[] material(Ttlv object) {
    return object.child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL).asBytes();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** Where in {@code content} a key occurs, raw, as hex (either case) or as Base64. */
  static List<String> search(String where, byte[] content, Map<String, byte[]> keys) {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, byte[]> k : keys.entrySet()) {
      byte[] raw = k.getValue();
      String hex = HexFormat.of().formatHex(raw);
      Map<String, byte[]> forms = Map.of(
          "raw", raw,
          "hex", hex.getBytes(StandardCharsets.US_ASCII),
          "HEX", hex.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
          "base64", Base64.getEncoder().withoutPadding().encodeToString(raw).getBytes(StandardCharsets.US_ASCII));
      forms.forEach((form, needle) -> {
        if (indexOf(content, needle) >= 0) {
          found.add(k.getKey() + " as " + form + " in " + where);
        }
      });
    }
    return found;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
