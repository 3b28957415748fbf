package io.keyfed.infrastructure.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The admin API's password users: a file of {@code name:roles:pbkdf2-sha256:iterations:salt:hash}
 * lines (roles comma-separated, salt and hash Base64), mode 600, never in the database so that a
 * database dump grants nothing. Passwords are checked in constant time against PBKDF2-HMAC-SHA256
 * with 210,000 iterations (OWASP's 2023 figure for that function).
 */
public final class AdminUsers {

  /** admin and auditor: the admin API; kmip: a KMIP client's Username and Password credential. */
  public static final Set<String> ROLES = Set.of("admin", "auditor", "kmip");
  private static final int ITERATIONS = 210_000;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  /** One user: name, roles and the password verifier. */
  public record User(String name, Set<String> roles, int iterations, byte[] salt, byte[] hash) {}

  private final Map<String, User> users;

  private AdminUsers(Map<String, User> users) {
    this.users = users;
  }

  /** Reads the file; a missing file means no password users (client certificates only). */
  public static AdminUsers load(Path file) throws IOException {
    Map<String, User> users = new LinkedHashMap<>();
    if (Files.exists(file)) {
      int n = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        n++;
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String[] f = l.split(":");
        if (f.length != 6 || !"pbkdf2-sha256".equals(f[2])) {
          throw new IOException(file + " line " + n + ": expected name:roles:pbkdf2-sha256:iterations:salt:hash");
        }
        users.put(f[0], new User(f[0], Set.of(f[1].split(",")), Integer.parseInt(f[3]),
            Base64.getDecoder().decode(f[4]), Base64.getDecoder().decode(f[5])));
      }
    }
    return new AdminUsers(users);
  }

  /** No users. */
  public static AdminUsers none() {
    return new AdminUsers(Map.of());
  }

  /** The user's roles if the password is right, else an empty set (unknown users cost the same time). */
  public Set<String> authenticate(String name, char[] password) {
    User u = users.get(name);
    byte[] salt = u != null ? u.salt() : new byte[16];
    int iterations = u != null ? u.iterations() : ITERATIONS;
    byte[] expected = u != null ? u.hash() : new byte[32];
    boolean ok = MessageDigest.isEqual(pbkdf2(password, salt, iterations), expected);
    return ok && u != null ? u.roles() : Set.of();
  }

  public List<String> names() {
    return new ArrayList<>(users.keySet());
  }

  /** Adds or replaces a user and rewrites the file atomically (mode 600). */
  public static void put(Path file, String name, Set<String> roles, char[] password) throws IOException {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("user names are 1-64 of A-Z a-z 0-9 . _ @ -");
    }
    if (roles.isEmpty() || !ROLES.containsAll(roles)) {
      throw new IllegalArgumentException("roles must be among " + ROLES);
    }
    // KMIP credentials travel inside TLS with a client certificate as well; admin passwords stand alone.
    int minimum = roles.equals(Set.of("kmip")) ? 8 : 12;
    if (password.length < minimum) {
      throw new IllegalArgumentException("passwords have at least " + minimum + " characters");
    }
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    String line = name + ":" + String.join(",", roles) + ":pbkdf2-sha256:" + ITERATIONS + ":"
        + Base64.getEncoder().encodeToString(salt) + ":" + Base64.getEncoder().encodeToString(pbkdf2(password, salt, ITERATIONS));
    List<String> out = new ArrayList<>();
    if (Files.exists(file)) {
      for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!l.startsWith(name + ":")) {
          out.add(l);
        }
      }
    }
    out.add(line);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".admin-users", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(tmp, out, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(password, salt, iterations, 256)).getEncoded();
    } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException(e);
    }
  }
}
