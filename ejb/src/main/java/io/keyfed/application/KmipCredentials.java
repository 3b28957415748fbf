package io.keyfed.application;

import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.infrastructure.security.AdminUsers;
import io.keyfed.kmip.spec.CredentialType;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Authentication of a request header (KMIP 1.4 §6.6 and §2.1.2 Credential; 2.1 §8.6 and
 * §2.1.3): the TLS client certificate identifies the client; credentials, when a client sends
 * them, must also be right, or every batch item is refused with Authentication Not Successful.
 *
 * <ul>
 *   <li><b>Username and Password</b>: checked against the KMIP users file
 *       ({@code keyfed.kmip.users-file}, default {@code $KEYFED_HOME/kmip-users}; the format and
 *       tool of the admin users, role {@code kmip}). A credential without a Password cannot be
 *       checked and is refused.
 *   <li><b>Device</b>: the device's Password checked for the user named by its Device Serial
 *       Number (else its Device Identifier) in the same file.
 *   <li>Attestation, One Time Password, Hashed Password, Ticket: this server cannot verify them,
 *       so they are refused — never silently accepted.
 * </ul>
 * Every credential of a 2.x Authentication must pass. The file is re-read when it changes.
 * PBKDF2 is slow on purpose, so a pair once verified is remembered (as a SHA-256 of name and
 * password, never the password) until the file changes.
 */
@ApplicationScoped
public class KmipCredentials {

  /** The role a user of the KMIP users file must have. */
  public static final String ROLE = "kmip";

  private static final int MAX_REMEMBERED = 10_000;

  @Inject
  KeyfedConfig config;

  private Path file;
  private volatile Users users;
  private final Set<String> verified = ConcurrentHashMap.newKeySet();

  private record Users(FileTime modified, AdminUsers table) {}

  /** Over a users file, without a container (unit tests). */
  public static KmipCredentials over(Path usersFile) {
    KmipCredentials c = new KmipCredentials();
    c.file = usersFile;
    return c;
  }

  /** Null when the Authentication (null: none sent) is accepted, else why it is not. */
  public String refusal(Ttlv authentication) {
    if (authentication == null) {
      return null;
    }
    if (!authentication.isStructure() || authentication.children(Tag.CREDENTIAL).isEmpty()) {
      return "Authentication without a Credential";
    }
    for (Ttlv credential : authentication.children(Tag.CREDENTIAL)) {
      String why = refusalOf(credential);
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  private String refusalOf(Ttlv credential) {
    Ttlv type = credential.isStructure() ? credential.child(Tag.CREDENTIAL_TYPE) : null;
    Ttlv value = credential.isStructure() ? credential.child(Tag.CREDENTIAL_VALUE) : null;
    if (type == null || type.type() != ItemType.ENUMERATION || value == null || !value.isStructure()) {
      return "a Credential needs a Credential Type and a Credential Value structure";
    }
    CredentialType t = CredentialType.fromValue(type.asInt());
    if (t == CredentialType.USERNAME_AND_PASSWORD) {
      return check(text(value, Tag.USERNAME), text(value, Tag.PASSWORD), "Username and Password");
    }
    if (t == CredentialType.DEVICE) {
      String device = text(value, Tag.DEVICE_SERIAL_NUMBER);
      return check(device != null ? device : text(value, Tag.DEVICE_IDENTIFIER), text(value, Tag.PASSWORD), "Device");
    }
    return "credential type " + (t != null ? t.specName() : String.format("0x%08X", type.asInt()))
        + " cannot be verified by this server";
  }

  private String check(String name, String password, String kind) {
    if (name == null || password == null) {
      return kind + " credential without " + (name == null ? "a name" : "a Password") + " cannot be verified";
    }
    Users u = current();
    String remembered = fingerprint(name, password);
    if (verified.contains(remembered)) {
      return null;
    }
    if (!u.table().authenticate(name, password.toCharArray()).contains(ROLE)) {
      return kind + " credential not accepted";
    }
    if (verified.size() < MAX_REMEMBERED) {
      verified.add(remembered);
    }
    return null;
  }

  private Users current() {
    Path f = file != null ? file : config.kmipUsersFile();
    FileTime modified;
    try {
      modified = Files.exists(f) ? Files.getLastModifiedTime(f) : FileTime.fromMillis(0);
    } catch (IOException e) {
      modified = FileTime.fromMillis(0);
    }
    Users u = users;
    if (u == null || !u.modified().equals(modified)) {
      synchronized (this) {
        u = users;
        if (u == null || !u.modified().equals(modified)) {
          AdminUsers table;
          try {
            table = AdminUsers.load(f);
          } catch (IOException | RuntimeException e) {
            table = AdminUsers.none();
          }
          verified.clear();
          u = new Users(modified, table);
          users = u;
        }
      }
    }
    return u;
  }

  private static String text(Ttlv structure, Tag tag) {
    Ttlv t = structure.child(tag);
    return t != null && t.type() == ItemType.TEXT_STRING ? t.asText() : null;
  }

  private static String fingerprint(String name, String password) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(name.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      d.update(password.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
