package io.keyfed.infrastructure.config;

import io.keyfed.kmip.ttlv.TtlvLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every setting of the server, with its default. Each key can be set in
 * {@code META-INF/microprofile-config.properties}, as a system property, or as an environment
 * variable (upper case, dots and dashes as underscores: {@code keyfed.kmip.port} is
 * {@code KEYFED_KMIP_PORT}). The operator documentation lists them all (configuration.md).
 */
@ApplicationScoped
public class KeyfedConfig {

  /** Looked up on first use, so that a subclass in a plain unit test needs no Config provider. */
  private volatile Config config;

  private Config config() {
    Config c = config;
    if (c == null) {
      c = ConfigProvider.getConfig(KeyfedConfig.class.getClassLoader());
      config = c;
    }
    return c;
  }

  /** The data directory: {@code KEYFED_HOME}, default {@code ~/.keyfed}. */
  public Path home() {
    return Path.of(string("keyfed.home", System.getProperty("user.home") + "/.keyfed"));
  }

  /** This server's name in a federation and in Query Server Information. */
  public String serverName() {
    return string("keyfed.server.name", "keyfed");
  }

  /**
   * The server entity this server forwards operations to as a gateway ({@code
   * keyfed.gateway.upstream}), or null when it is no gateway.
   */
  public String gatewayUpstream() {
    String v = string("keyfed.gateway.upstream", "");
    return v.isBlank() ? null : v.trim();
  }

  /**
   * The operations a gateway forwards ({@code keyfed.gateway.operations}): KMIP operation names,
   * "Certify", "Re-certify" or their XML forms "ReCertify", separated by commas
   * ({@link io.keyfed.application.OperationNames}).
   */
  public String gatewayOperations() {
    return string("keyfed.gateway.operations", "Certify,Re-certify");
  }


  /**
   * This server's roles in its federation (CENTRAL, EDGE, SITE, PARTNER, GATEWAY, ...), as the
   * operator declares them; Query with Query Server Information reports them.
   */
  public java.util.List<String> federationRoles() {
    String roles = string("keyfed.federation.roles", "");
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String r : roles.split(",")) {
      if (!r.isBlank()) {
        out.add(r.trim().toUpperCase(java.util.Locale.ROOT));
      }
    }
    return out;
  }

  /**
   * The KMIP identities given a role by configuration ({@code keyfed.roles.<role>}, e.g.
   * {@code keyfed.roles.security-officer}): names separated by commas, a name ending in {@code *}
   * standing for every name with that beginning. These roles come on top of those the admin API
   * gives, and the admin API cannot take them away.
   */
  public java.util.List<String> identitiesWithRole(String roleLabel) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String n : string("keyfed.roles." + roleLabel, "").split(",")) {
      if (!n.isBlank()) {
        out.add(n.trim());
      }
    }
    return out;
  }

  public boolean kmipEnabled() {
    return bool("keyfed.kmip.enabled", true);
  }

  public int kmipPort() {
    return integer("keyfed.kmip.port", 5696);
  }

  public String kmipBindAddress() {
    return string("keyfed.kmip.bind", "0.0.0.0");
  }

  /** Most connections served at once on the KMIP port; more are refused at accept. */
  public int kmipMaxConnections() {
    return integer("keyfed.kmip.max-connections", 512);
  }

  /** A connection with no request for this long is closed. */
  public int kmipIdleTimeoutSeconds() {
    return integer("keyfed.kmip.idle-timeout-seconds", 300);
  }

  /** Longest time allowed to receive one whole message once it has started (slow writers). */
  public int kmipReadTimeoutSeconds() {
    return integer("keyfed.kmip.read-timeout-seconds", 30);
  }

  public TtlvLimits ttlvLimits() {
    return new TtlvLimits(
        integer("keyfed.kmip.max-message-bytes", TtlvLimits.DEFAULT.maxMessageBytes()),
        integer("keyfed.kmip.max-depth", TtlvLimits.DEFAULT.maxDepth()));
  }

  public Path pkiDir() {
    return Path.of(string("keyfed.pki.dir", home().resolve("pki").toString()));
  }

  /** Host name put in a generated server certificate (plus localhost and 127.0.0.1). */
  public String pkiHostname() {
    return string("keyfed.pki.hostname", "localhost");
  }

  public Path masterKeyFile() {
    return Path.of(string("keyfed.master-key.file", home().resolve("master.key").toString()));
  }

  /** Password users of the admin API (see AdminUsers); missing file: certificates only. */
  public Path adminUsersFile() {
    return Path.of(string("keyfed.admin.users-file", home().resolve("admin-users").toString()));
  }

  /** KMIP Username and Password (and Device) credentials: users with role kmip (see KmipCredentials). */
  public Path kmipUsersFile() {
    return Path.of(string("keyfed.kmip.users-file", home().resolve("kmip-users").toString()));
  }

  /** Client certificate Common Names that get the admin role on the admin API. */
  public java.util.Set<String> certificateAdmins() {
    return names(string("keyfed.admin.certificate-admins", "admin"));
  }

  /** Client certificate Common Names that get the auditor role on the admin API. */
  public java.util.Set<String> certificateAuditors() {
    return names(string("keyfed.admin.certificate-auditors", ""));
  }

  private static java.util.Set<String> names(String csv) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  /** A PKCS#12 keystore holding the master keys instead of the file; null when not configured. */
  public Path masterKeyKeystore() {
    String v = string("keyfed.master-key.keystore", null);
    return v == null ? null : Path.of(v);
  }

  public Path masterKeyKeystorePasswordFile() {
    return Path.of(string("keyfed.master-key.keystore-password-file", home().resolve("master-keystore.pass").toString()));
  }

  /** Objects re-sealed per transaction during a master-key rotation. */
  public int masterKeyRewrapBatch() {
    return integer("keyfed.master-key.rewrap-batch", 200);
  }

  /** Cipher suites for the KMIP port (comma-separated); empty: the KMIP profiles' suites. */
  public String tlsCipherSuites() {
    return string("keyfed.tls.cipher-suites", null);
  }

  /** Client certificates refused although their CA is trusted (see TlsPolicy). */
  public Path tlsDeniedCertificates() {
    return Path.of(string("keyfed.tls.denied-certificates", pkiDir().resolve("denied-certificates").toString()));
  }

  /** More CA certificates (PEM) whose client certificates the KMIP port accepts. */
  public Path tlsExtraClientCas() {
    String v = string("keyfed.tls.client-cas", null);
    return v == null ? null : Path.of(v);
  }

  /** Requests per second one identity may send (a burst of twice that is allowed); 0: no limit. */
  public int requestRatePerIdentity() {
    return integer("keyfed.kmip.rate-per-identity", 2000);
  }

  /** The largest file the admin API's bulk import accepts (bytes; default 4 GiB, some 2 million wrapped keys). */
  public long bulkMaxImportBytes() {
    String v = string("keyfed.bulk.max-import-bytes", null);
    try {
      return v == null ? 4L << 30 : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("configuration keyfed.bulk.max-import-bytes=" + v + " is not a number", e);
    }
  }

  /** Most batch items in one request. */
  public int maxBatchItems() {
    return integer("keyfed.kmip.max-batch-items", 1000);
  }

  /**
   * Attribute names that Get Attributes without names leaves out (see GetAttributesHandler): a
   * compatibility switch for clients that fail on attributes they cannot decode. Empty by default,
   * for KMIP says "all". {@value #PYKMIP_0_10} stands for the attributes Debian's PyKMIP 0.10
   * cannot decode in any version it speaks (found by running it: src/site/markdown/clients/pykmip.md).
   */
  public java.util.Set<String> getAttributesAllOmits() {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (String name : names(string("keyfed.kmip.compat.get-attributes-all-omit", ""))) {
      if (name.equals(PYKMIP_0_10)) {
        out.addAll(PYKMIP_0_10_UNDECODABLE);
      } else {
        out.add(name);
      }
    }
    return out;
  }

  public static final String PYKMIP_0_10 = "pykmip-0.10";

  private static final java.util.List<String> PYKMIP_0_10_UNDECODABLE = java.util.List.of(
      "Original Creation Date", "Random Number Generator", "Extractable", "Always Sensitive",
      "Never Extractable", "Short Unique Identifier", "Protection Storage Mask", "Key Format Type");

  // ---- helpers -------------------------------------------------------------------------------

  public String string(String key, String dflt) {
    Optional<String> v = config().getOptionalValue(key, String.class);
    return v.filter(s -> !s.isBlank()).orElse(dflt);
  }

  public int integer(String key, int dflt) {
    String v = string(key, null);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("configuration " + key + "=" + v + " is not a number", e);
    }
  }

  public boolean bool(String key, boolean dflt) {
    String v = string(key, null);
    return v == null ? dflt : Boolean.parseBoolean(v.trim());
  }
}
