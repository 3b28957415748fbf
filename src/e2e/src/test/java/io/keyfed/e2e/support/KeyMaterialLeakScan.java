package io.keyfed.e2e.support;

import io.keyfed.infrastructure.crypto.MasterKeyRing;
import io.keyfed.infrastructure.crypto.MasterKeySealer;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * "No key material in any log line", checked on every server the end-to-end tests run: when a
 * {@link KeyfedServer} stops, every secret it holds is read back from its database (unsealed with
 * its master key, as only the test can) and its logs — the server log, and every {@code *.log}
 * file under its home, which includes the embedded broker's journal ({@code KahaDB/db-N.log}:
 * messages at rest) — are searched for each secret raw, in hex (both
 * cases) and in Base64 (at each of the three byte alignments, so a secret inside a longer Base64
 * text is found too). Secrets are the key material of symmetric keys, private keys, secret data,
 * split keys and opaque objects, 16 bytes or longer (shorter values would match log text by
 * chance); public parts (modulus, public exponent, domain parameters) are not secrets.
 *
 * <p>The search is one pass over each log: a rolling hash of every 16-byte window is looked up
 * among the first windows of all needles, and only a hit is compared in full, so thousands of keys
 * against megabytes of log cost a second, not minutes. A finding names the object, the encoding
 * and the offset, never the secret.
 */
public final class KeyMaterialLeakScan {

  static final int WINDOW = 16;
  private static final Set<Tag> SECRET_OBJECTS =
      EnumSet.of(Tag.SYMMETRIC_KEY, Tag.PRIVATE_KEY, Tag.SECRET_DATA, Tag.SPLIT_KEY, Tag.OPAQUE_OBJECT);
  private static final Set<Tag> PUBLIC_PARTS =
      EnumSet.of(Tag.MODULUS, Tag.PUBLIC_EXPONENT, Tag.P, Tag.Q, Tag.G, Tag.J, Tag.Y, Tag.Q_STRING, Tag.ATTRIBUTE);
  private static final long BASE = 1_000_003L;

  /** One form of one secret. */
  record Needle(byte[] bytes, String what) {}

  private final List<Needle> needles = new ArrayList<>();
  private long[] firstWindows;
  private long power = 1;
  private int secrets;

  /** Adds a secret in all the forms a log could show it. */
  public KeyMaterialLeakScan add(byte[] secret, String object) {
    if (secret.length < WINDOW) {
      return this;
    }
    secrets++;
    addForm(secret, object + " raw");
    addForm(HexFormat.of().formatHex(secret).getBytes(StandardCharsets.US_ASCII), object + " hex");
    addForm(HexFormat.of().withUpperCase().formatHex(secret).getBytes(StandardCharsets.US_ASCII), object + " HEX");
    for (int shift = 0; shift < 3; shift++) {
      int len = (secret.length - shift) / 3 * 3;
      byte[] part = Arrays.copyOfRange(secret, shift, shift + len);
      addForm(Base64.getEncoder().withoutPadding().encode(part), object + " Base64");
      addForm(Base64.getUrlEncoder().withoutPadding().encode(part), object + " Base64url");
    }
    return this;
  }

  private void addForm(byte[] form, String what) {
    if (form.length >= WINDOW) {
      needles.add(new Needle(form, what));
      firstWindows = null;
    }
  }

  public int secrets() {
    return secrets;
  }

  /** Every place in {@code text} where a secret appears, as "what at offset" (never the secret). */
  public List<String> findIn(byte[] text) {
    if (firstWindows == null) {
      firstWindows = needles.stream().mapToLong(n -> hash(n.bytes(), 0)).sorted().distinct().toArray();
      power = 1;
      for (int i = 0; i < WINDOW - 1; i++) {
        power *= BASE;
      }
    }
    List<String> found = new ArrayList<>();
    if (text.length < WINDOW || needles.isEmpty()) {
      return found;
    }
    long h = hash(text, 0);
    for (int i = 0; ; i++) {
      if (Arrays.binarySearch(firstWindows, h) >= 0) {
        for (Needle n : needles) {
          if (i + n.bytes().length <= text.length
              && Arrays.equals(text, i, i + n.bytes().length, n.bytes(), 0, n.bytes().length)) {
            found.add(n.what() + " at offset " + i);
          }
        }
      }
      if (i + WINDOW >= text.length) {
        return found;
      }
      h = (h - (text[i] & 0xff) * power) * BASE + (text[i + WINDOW] & 0xff);
    }
  }

  private static long hash(byte[] b, int off) {
    long h = 0;
    for (int i = 0; i < WINDOW; i++) {
      h = h * BASE + (b[off + i] & 0xff);
    }
    return h;
  }

  /** The secrets inside one object's content (its TTLV as sealed), each added under the object's name. */
  public KeyMaterialLeakScan addObject(String uniqueIdentifier, Ttlv object) {
    Tag root = Tag.fromValue(object.tag());
    if (root != null && SECRET_OBJECTS.contains(root)) {
      collect(object, uniqueIdentifier);
    }
    return this;
  }

  private void collect(Ttlv t, String uid) {
    Tag tag = Tag.fromValue(t.tag());
    if (tag != null && PUBLIC_PARTS.contains(tag)) {
      return;
    }
    if (t.isStructure()) {
      for (Ttlv c : t.children()) {
        collect(c, uid);
      }
    } else if (t.type() == ItemType.BYTE_STRING) {
      add(t.asBytes(), "object " + uid + " " + t.tagName());
    } else if (t.type() == ItemType.BIG_INTEGER) {
      add(unsigned(t.asBigInteger()), "object " + uid + " " + t.tagName());
    }
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.abs().toByteArray();
    int i = 0;
    while (i < b.length - 1 && b[i] == 0) {
      i++;
    }
    return Arrays.copyOfRange(b, i, b.length);
  }

  // ---- a stopped server -----------------------------------------------------------------------

  /**
   * Reads every object of a stopped server's database (H2 in its home, or the PostgreSQL database
   * its environment names) and fails if any secret is in one of its logs: the log beside the home
   * and every {@code *.log} file under the home.
   */
  public static void assertNoLeak(Path home, Path serverLog, Map<String, String> env) throws Exception {
    MasterKeySealer sealer = MasterKeySealer.withRing(masterKeys(home, env));
    KeyMaterialLeakScan scan = new KeyMaterialLeakScan();
    String url = env.getOrDefault("KEYFED_DB_URL", "jdbc:h2:" + home.resolve("db/keyfed") + ";DB_CLOSE_ON_EXIT=FALSE");
    String user = env.getOrDefault("KEYFED_DB_USER", "keyfed");
    String password = env.getOrDefault("KEYFED_DB_PASSWORD", "keyfed");
    if (url.startsWith("jdbc:h2:") && !Files.exists(home.resolve("db/keyfed.mv.db"))) {
      return; // the server never created its database (a start that failed early)
    }
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT UID, SEALED_OBJECT FROM KF_OBJECT WHERE SEALED_OBJECT IS NOT NULL")) {
      while (rs.next()) {
        String uid = rs.getString(1);
        byte[] content = sealer.unseal(uid, rs.getBytes(2));
        scan.addObject(uid, new TtlvReader().read(content));
      }
    } catch (SQLException e) {
      if (e.getMessage() != null && e.getMessage().contains("KF_OBJECT")) {
        return; // no schema yet
      }
      throw e;
    }
    List<Path> logs = new ArrayList<>();
    if (Files.exists(serverLog)) {
      logs.add(serverLog);
    }
    try (Stream<Path> files = Files.walk(home)) {
      files.filter(p -> p.getFileName().toString().endsWith(".log") && Files.isRegularFile(p)).forEach(logs::add);
    }
    List<String> leaks = new ArrayList<>();
    for (Path log : logs) {
      for (String f : scan.findIn(Files.readAllBytes(log))) {
        leaks.add(log + ": " + f);
      }
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError("key material in a log (" + leaks.size() + " finding(s)): "
          + String.join("; ", leaks.subList(0, Math.min(20, leaks.size()))));
    }
    System.out.println("[leak-scan] " + home.getFileName() + ": " + scan.secrets() + " secrets, "
        + logs.size() + " log(s), none found");
  }

  private static MasterKeyRing masterKeys(Path home, Map<String, String> env) throws Exception {
    String keystore = env.get("KEYFED_MASTER_KEY_KEYSTORE");
    if (keystore != null) {
      return MasterKeyRing.fromKeystore(Path.of(keystore), Path.of(env.getOrDefault(
          "KEYFED_MASTER_KEY_KEYSTORE_PASSWORD_FILE", home.resolve("master-keystore.pass").toString())));
    }
    return MasterKeyRing.fromFile(Path.of(env.getOrDefault("KEYFED_MASTER_KEY_FILE", home.resolve("master.key").toString())));
  }
}
