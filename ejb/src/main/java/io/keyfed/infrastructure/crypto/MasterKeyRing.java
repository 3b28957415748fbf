package io.keyfed.infrastructure.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's master keys: the current one, which seals, and the previous ones, which only
 * unseal until every object has been re-sealed under the current key. Each key is named by its
 * fingerprint (the first 8 bytes of SHA-256 over a label and the key), which a sealed blob
 * carries, so unsealing picks the right key without trying them all.
 *
 * <p>Two sources, chosen by configuration, neither of them the database:
 * <ul>
 *   <li>a <b>file</b>: {@code master.key} (32 raw bytes, mode 600) is the current key; files
 *       {@code master.key.<fingerprint>.previous} beside it are previous keys. Generated on first
 *       start.
 *   <li>a <b>PKCS#12 keystore</b> with AES secret-key entries: alias {@code keyfed-master} is the
 *       current key, aliases {@code keyfed-master-<fingerprint>} previous keys; its password is read
 *       from a file.
 * </ul>
 * {@link #rotate()} makes a new current key and keeps the old one as previous; {@link
 * #retire(String)} removes a previous key once nothing is sealed under it.
 */
public final class MasterKeyRing {

  public static final String CURRENT_ALIAS = "keyfed-master";
  private static final String PREVIOUS_SUFFIX = ".previous";
  private static final byte[] LABEL = "keyfed master key fingerprint".getBytes(StandardCharsets.US_ASCII);

  private final Path file;
  private final Path keystore;
  private final Path keystorePasswordFile;
  private final String currentId;
  private final Map<String, byte[]> keys;

  private MasterKeyRing(Path file, Path keystore, Path keystorePasswordFile, String currentId, Map<String, byte[]> keys) {
    this.file = file;
    this.keystore = keystore;
    this.keystorePasswordFile = keystorePasswordFile;
    this.currentId = currentId;
    this.keys = keys;
  }

  /** Keys from {@code file} and its previous files; the file is generated when missing. */
  public static MasterKeyRing fromFile(Path file) throws IOException {
    byte[] current = Files.exists(file) ? readKey(file) : createKeyFile(file);
    Map<String, byte[]> keys = new LinkedHashMap<>();
    String id = fingerprint(current);
    keys.put(id, current);
    Path dir = file.toAbsolutePath().getParent();
    String prefix = file.getFileName() + ".";
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + "*" + PREVIOUS_SUFFIX)) {
      for (Path p : ds) {
        byte[] k = readKey(p);
        keys.putIfAbsent(fingerprint(k), k);
      }
    }
    return new MasterKeyRing(file, null, null, id, keys);
  }

  /** Keys from a PKCS#12 keystore whose password is in {@code passwordFile} (first line). */
  public static MasterKeyRing fromKeystore(Path keystore, Path passwordFile) throws IOException, GeneralSecurityException {
    char[] pw = password(passwordFile);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, pw);
    }
    Map<String, byte[]> keys = new LinkedHashMap<>();
    String currentId = null;
    for (String alias : Collections.list(ks.aliases())) {
      if (!alias.equals(CURRENT_ALIAS) && !alias.startsWith(CURRENT_ALIAS + "-")) {
        continue;
      }
      java.security.Key k = ks.getKey(alias, pw);
      if (k == null || k.getEncoded() == null || k.getEncoded().length != 32) {
        throw new GeneralSecurityException("keystore entry " + alias + " is not a 256-bit secret key");
      }
      String id = fingerprint(k.getEncoded());
      keys.put(id, k.getEncoded());
      if (alias.equals(CURRENT_ALIAS)) {
        currentId = id;
      }
    }
    if (currentId == null) {
      throw new GeneralSecurityException("keystore " + keystore + " has no entry " + CURRENT_ALIAS);
    }
    return new MasterKeyRing(null, keystore, passwordFile, currentId, keys);
  }

  /** A ring of one key, for tests and tools. */
  public static MasterKeyRing of(byte[] key) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    keys.put(fingerprint(key), key.clone());
    return new MasterKeyRing(null, null, null, fingerprint(key), keys);
  }

  public String currentId() {
    return currentId;
  }

  public byte[] current() {
    return keys.get(currentId).clone();
  }

  /** The key with this fingerprint, or null. */
  public byte[] key(String id) {
    byte[] k = keys.get(id);
    return k == null ? null : k.clone();
  }

  /** Fingerprints of every key, the current one first. */
  public List<String> ids() {
    List<String> out = new ArrayList<>();
    out.add(currentId);
    for (String id : keys.keySet()) {
      if (!id.equals(currentId)) {
        out.add(id);
      }
    }
    return out;
  }

  /**
   * Makes a new current key in the source (the old current key becomes a previous key) and
   * returns the ring as it is now. The server loads it on its next start or reload.
   */
  public MasterKeyRing rotate() throws IOException, GeneralSecurityException {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    if (file != null) {
      Path previous = file.resolveSibling(file.getFileName() + "." + currentId + PREVIOUS_SUFFIX);
      // The new key is written before the old one moves, so a crash in between loses nothing.
      Path tmp = writeTemp(file.toAbsolutePath().getParent(), fresh);
      Files.copy(file, previous, StandardCopyOption.COPY_ATTRIBUTES);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return fromFile(file);
    }
    char[] pw = password(keystorePasswordFile);
    KeyStore ks = load(keystore, pw);
    KeyStore.ProtectionParameter prot = new KeyStore.PasswordProtection(pw);
    ks.setEntry(CURRENT_ALIAS + "-" + currentId, new KeyStore.SecretKeyEntry(new SecretKeySpec(current(), "AES")), prot);
    ks.setEntry(CURRENT_ALIAS, new KeyStore.SecretKeyEntry(new SecretKeySpec(fresh, "AES")), prot);
    store(ks, keystore, pw);
    return fromKeystore(keystore, keystorePasswordFile);
  }

  /** Removes a previous key from the source; the caller has checked that nothing uses it. */
  public MasterKeyRing retire(String id) throws IOException, GeneralSecurityException {
    if (id.equals(currentId) || !keys.containsKey(id)) {
      throw new IllegalArgumentException("no previous master key " + id);
    }
    if (file != null) {
      Files.delete(file.resolveSibling(file.getFileName() + "." + id + PREVIOUS_SUFFIX));
      return fromFile(file);
    }
    char[] pw = password(keystorePasswordFile);
    KeyStore ks = load(keystore, pw);
    ks.deleteEntry(CURRENT_ALIAS + "-" + id);
    store(ks, keystore, pw);
    return fromKeystore(keystore, keystorePasswordFile);
  }

  /** Creates a PKCS#12 keystore with one fresh current key (for operators who keep keys there). */
  public static void createKeystore(Path keystore, Path passwordFile) throws IOException, GeneralSecurityException {
    char[] pw = password(passwordFile);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, pw);
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    ks.setEntry(CURRENT_ALIAS, new KeyStore.SecretKeyEntry(new SecretKeySpec(k, "AES")), new KeyStore.PasswordProtection(pw));
    store(ks, keystore, pw);
  }

  public static String fingerprint(byte[] key) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(LABEL);
      d.update(key);
      return HexFormat.of().formatHex(d.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- files ---------------------------------------------------------------------------------

  private static byte[] readKey(Path p) throws IOException {
    byte[] k = Files.readAllBytes(p);
    if (k.length != 32) {
      throw new IOException("master key file " + p + " must hold 32 bytes, it holds " + k.length);
    }
    return k;
  }

  private static byte[] createKeyFile(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    Files.move(writeTemp(dir, k), file, StandardCopyOption.ATOMIC_MOVE);
    return k;
  }

  private static Path writeTemp(Path dir, byte[] content) throws IOException {
    Path tmp = Files.createTempFile(dir, ".master", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(tmp, content);
    return tmp;
  }

  private static char[] password(Path passwordFile) throws IOException {
    List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
    if (lines.isEmpty() || lines.get(0).isEmpty()) {
      throw new IOException("keystore password file " + passwordFile + " is empty");
    }
    return lines.get(0).toCharArray();
  }

  private static KeyStore load(Path keystore, char[] pw) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, pw);
    }
    return ks;
  }

  private static void store(KeyStore ks, Path keystore, char[] pw) throws IOException, GeneralSecurityException {
    Path dir = keystore.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".keystore", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(tmp)) {
      ks.store(out, pw);
    }
    Files.move(tmp, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
