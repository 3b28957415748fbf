package io.keyfed.domain.federation;

import io.keyfed.kmip.spec.KmipVersion;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A KMIP server this server knows (DESIGN.md §3 "Server entity"): its name, its roles, how to
 * reach it (host and KMIP port), the certificate or CA it authenticates with, and its status as
 * seen from here (last contact, last error, deliveries). Servers authenticate to each other with
 * mutual TLS as server entities, never as ordinary clients: an inbound connection is this peer
 * when its client certificate is {@link #trustPem} itself, or is issued by the CA in
 * {@link #trustPem} and carries {@link #certificateName} as its Common Name.
 */
@Entity
@Table(name = "KF_SERVER", uniqueConstraints = @UniqueConstraint(name = "KF_SERVER_NAME", columnNames = "NAME"))
@NamedQuery(name = ServerEntity.ALL, query = "SELECT s FROM ServerEntity s ORDER BY s.name")
@NamedQuery(name = ServerEntity.BY_NAME, query = "SELECT s FROM ServerEntity s WHERE s.name = :name")
public class ServerEntity {

  public static final String ALL = "ServerEntity.all";
  public static final String BY_NAME = "ServerEntity.byName";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  @Id
  @SequenceGenerator(name = "KF_SERVER_SEQ", sequenceName = "KF_SERVER_SEQ", allocationSize = 10)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "KF_SERVER_SEQ")
  private Long id;

  @Column(name = "NAME", length = 64, nullable = false)
  private String name;

  @Column(name = "ROLES", length = 128, nullable = false)
  private String roles;

  @Column(name = "HOST", length = 255, nullable = false)
  private String host;

  @Column(name = "KMIP_PORT", nullable = false)
  private int kmipPort;

  /** PEM: the peer's own certificate, or the CA that issues it (then {@link #certificateName} applies). */
  @Lob
  @Column(name = "TRUST_PEM", nullable = false)
  private String trustPem;

  /** The Common Name the peer's certificate carries when {@link #trustPem} is a CA. */
  @Column(name = "CERT_NAME", length = 255, nullable = false)
  private String certificateName;

  @Column(name = "LAST_CONTACT")
  private LocalDateTime lastContact;

  @Column(name = "LAST_ERROR", length = 1024)
  private String lastError;

  @Column(name = "LAST_ERROR_AT")
  private LocalDateTime lastErrorAt;

  @Column(name = "DELIVERED")
  private long delivered;

  /** The KMIP version this server speaks to the peer ("1.4", "2.1"); null means 2.1. */
  @Column(name = "KMIP_VERSION", length = 8)
  private String kmipVersion;

  /** What to do when the peer's object arrives with a Name already used here; null means KEEP_BOTH. */
  @Column(name = "NAME_COLLISION", length = 16)
  private String nameCollision;

  @Version
  private long version;

  protected ServerEntity() {}

  public ServerEntity(String name, Set<ServerRole> roles, String host, int kmipPort, String trustPem, String certificateName) {
    this.name = checkName(name);
    update(roles, host, kmipPort, trustPem, certificateName);
  }

  /** Changes how the peer is reached and recognised (its name never changes). */
  public final void update(Set<ServerRole> roles, String host, int kmipPort, String trustPem, String certificateName) {
    if (roles == null || roles.isEmpty()) {
      throw FederationException.invalid("a server needs at least one role of " + EnumSet.allOf(ServerRole.class));
    }
    if (host == null || host.isBlank() || host.length() > 255) {
      throw FederationException.invalid("host must be a host name or address");
    }
    if (kmipPort < 1 || kmipPort > 65535) {
      throw FederationException.invalid("kmipPort must be between 1 and 65535");
    }
    if (trustPem == null || !trustPem.contains("-----BEGIN CERTIFICATE-----")) {
      throw FederationException.invalid("certificate must be a PEM certificate (the peer's, or its CA's)");
    }
    this.roles = String.join(",", roles.stream().map(Enum::name).sorted().toList());
    this.host = host.strip();
    this.kmipPort = kmipPort;
    this.trustPem = trustPem;
    this.certificateName = certificateName == null || certificateName.isBlank() ? name : certificateName.strip();
  }

  static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw FederationException.invalid("server names are 1-63 of a-z 0-9 . _ - (lower case), starting with a letter or digit");
    }
    return name;
  }

  /**
   * The peering's protocol settings: the KMIP version Put and Notify are sent to the peer in
   * (1.0 to 2.1: every version has both; the 1.x and 2.x forms differ) and the Name collision
   * policy applied to what the peer sends here. A null argument keeps the current setting.
   */
  public void peering(KmipVersion version, NameCollisionPolicy collisions) {
    if (version != null) {
      if (!version.atLeast(KmipVersion.V1_0) || version.atLeast(KmipVersion.V3_0)) {
        throw FederationException.invalid("kmipVersion must be one of 1.0 to 2.1");
      }
      this.kmipVersion = version.label();
    }
    if (collisions != null) {
      this.nameCollision = collisions.name();
    }
  }

  public KmipVersion kmipVersion() {
    KmipVersion v = kmipVersion == null ? null : KmipVersion.parse(kmipVersion);
    return v == null ? KmipVersion.V2_1 : v;
  }

  public NameCollisionPolicy nameCollision() {
    return nameCollision == null ? NameCollisionPolicy.KEEP_BOTH : NameCollisionPolicy.valueOf(nameCollision);
  }

  /** A successful exchange with the peer. */
  public void contacted(Instant at, int deliveredNow) {
    lastContact = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    delivered += deliveredNow;
  }

  /** A failed exchange with the peer; the message never contains key material. */
  public void failed(Instant at, String error) {
    lastErrorAt = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    lastError = error == null ? "error" : error.length() > 1000 ? error.substring(0, 1000) : error;
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public Set<ServerRole> roles() {
    EnumSet<ServerRole> out = EnumSet.noneOf(ServerRole.class);
    for (String r : roles.split(",")) {
      out.add(ServerRole.valueOf(r.toUpperCase(Locale.ROOT)));
    }
    return out;
  }

  public String host() {
    return host;
  }

  public int kmipPort() {
    return kmipPort;
  }

  public String trustPem() {
    return trustPem;
  }

  public String certificateName() {
    return certificateName;
  }

  public Instant lastContact() {
    return lastContact == null ? null : lastContact.toInstant(ZoneOffset.UTC);
  }

  public String lastError() {
    return lastError;
  }

  public Instant lastErrorAt() {
    return lastErrorAt == null ? null : lastErrorAt.toInstant(ZoneOffset.UTC);
  }

  public long delivered() {
    return delivered;
  }
}
