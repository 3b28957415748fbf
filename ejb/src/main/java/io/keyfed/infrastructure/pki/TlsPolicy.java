package io.keyfed.infrastructure.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * What the KMIP port accepts beyond the trusted CAs: the cipher suites, and a deny-list of client
 * certificates (compromised or withdrawn before they expire).
 *
 * <p>Cipher suites: those of the KMIP Authentication Suites profiles that this JDK offers —
 * TLS 1.3's AEAD suites, the TLS 1.2 ECDHE suites with AES-GCM of the "TLS 1.2 Authentication
 * Suite", and the two RSA key-transport CBC suites of the "Basic Authentication Suite" that older
 * clients need (TLS_RSA_WITH_AES_128/256_CBC_SHA256) — in that order of preference, unless
 * {@code keyfed.tls.cipher-suites} names others.
 *
 * <p>Deny-list: a text file ({@code keyfed.tls.denied-certificates}), one entry per line: the
 * SHA-256 fingerprint of the certificate (hex, colons allowed) or its subject DN
 * ({@code subject:CN=alice,O=Example}); {@code #} starts a comment. Read when the listener starts.
 */
public final class TlsPolicy {

  /** Preference order; those the JDK lacks are left out. */
  public static final List<String> KMIP_SUITES = List.of(
      "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_RSA_WITH_AES_256_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256");

  private final List<String> suites;
  private final Set<String> deniedFingerprints;
  private final Set<String> deniedSubjects;

  private TlsPolicy(List<String> suites, Set<String> deniedFingerprints, Set<String> deniedSubjects) {
    this.suites = suites;
    this.deniedFingerprints = deniedFingerprints;
    this.deniedSubjects = deniedSubjects;
  }

  /**
   * @param configuredSuites comma-separated suite names, or null for {@link #KMIP_SUITES}
   * @param denyList the deny-list file, or null
   */
  public static TlsPolicy load(SSLContext context, String configuredSuites, Path denyList) throws IOException {
    Set<String> supported = new HashSet<>(Arrays.asList(context.getSupportedSSLParameters().getCipherSuites()));
    List<String> wanted = configuredSuites == null || configuredSuites.isBlank()
        ? KMIP_SUITES : Arrays.stream(configuredSuites.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    List<String> suites = new ArrayList<>();
    for (String s : wanted) {
      if (supported.contains(s)) {
        suites.add(s);
      } else if (configuredSuites != null && !configuredSuites.isBlank()) {
        throw new IllegalArgumentException("cipher suite " + s + " is not available in this JDK");
      }
    }
    if (suites.isEmpty()) {
      throw new IllegalArgumentException("no usable cipher suite");
    }
    Set<String> fps = new HashSet<>();
    Set<String> subjects = new HashSet<>();
    if (denyList != null && Files.exists(denyList)) {
      for (String line : Files.readAllLines(denyList, StandardCharsets.UTF_8)) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        if (l.regionMatches(true, 0, "subject:", 0, 8)) {
          subjects.add(normaliseDn(l.substring(8)));
        } else {
          fps.add(l.replace(":", "").toLowerCase(Locale.ROOT));
        }
      }
    }
    return new TlsPolicy(List.copyOf(suites), fps, subjects);
  }

  public List<String> cipherSuites() {
    return suites;
  }

  /** The listener's parameters: client certificate required, TLS 1.2/1.3, these suites. */
  public SSLParameters serverParameters(SSLContext context) {
    SSLParameters p = TlsContexts.serverParameters(context);
    p.setCipherSuites(suites.toArray(new String[0]));
    p.setUseCipherSuitesOrder(true);
    return p;
  }

  /** Whether a (CA-valid) client certificate is on the deny-list. */
  public boolean denied(X509Certificate cert) {
    if (deniedSubjects.contains(normaliseDn(cert.getSubjectX500Principal().getName()))) {
      return true;
    }
    return !deniedFingerprints.isEmpty() && deniedFingerprints.contains(fingerprint(cert));
  }

  public static String fingerprint(X509Certificate cert) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String normaliseDn(String dn) {
    return new javax.security.auth.x500.X500Principal(dn.strip()).getName(javax.security.auth.x500.X500Principal.CANONICAL);
  }
}
