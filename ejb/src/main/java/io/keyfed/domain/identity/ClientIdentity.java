package io.keyfed.domain.identity;

import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The identity of a KMIP client, as established by the transport: the subject of its TLS client
 * certificate (KMIP Authentication Suites profile). {@code name} is the certificate's Common Name
 * (or the whole subject when it has none); it is what object ownership records. The certificate
 * itself is kept for the checks that need more than a name (is this a federation peer?).
 *
 * @param name the owner name recorded on objects
 * @param subject the certificate subject distinguished name
 * @param channel how the client reached us ("tls", "https"), for audit
 * @param certificate the client certificate, null when the identity did not come from one
 * @param roles what the identity may do ({@link KmipIdentity}); by default client, or peer-server
 *     on the channel {@code peer}
 */
public record ClientIdentity(String name, String subject, String channel, X509Certificate certificate, Set<Role> roles) {

  /** The channel of a caller recognised as a federation peer. */
  public static final String PEER_CHANNEL = "peer";

  public ClientIdentity {
    Objects.requireNonNull(name, "name");
    roles = roles == null
        ? Set.copyOf(EnumSet.of(PEER_CHANNEL.equals(channel) ? Role.PEER_SERVER : Role.CLIENT))
        : Set.copyOf(roles);
  }

  public ClientIdentity(String name, String subject, String channel, X509Certificate certificate) {
    this(name, subject, channel, certificate, null);
  }

  public ClientIdentity(String name, String subject, String channel) {
    this(name, subject, channel, null, null);
  }

  /** The same identity with these roles (as recorded for it). */
  public ClientIdentity withRoles(Set<Role> newRoles) {
    return new ClientIdentity(name, subject, channel, certificate, newRoles);
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  /** Extracts the CN from an RFC 2253 subject, or returns the subject when there is none. */
  public static String commonNameOf(String subjectDn) {
    for (String part : subjectDn.split("(?<!\\\\),")) {
      String p = part.trim();
      if (p.regionMatches(true, 0, "CN=", 0, 3)) {
        return p.substring(3);
      }
    }
    return subjectDn;
  }

  public static ClientIdentity fromSubject(String subjectDn, String channel) {
    return new ClientIdentity(commonNameOf(subjectDn), subjectDn, channel);
  }

  public static ClientIdentity fromCertificate(X509Certificate cert, String channel) {
    String dn = cert.getSubjectX500Principal().getName();
    return new ClientIdentity(commonNameOf(dn), dn, channel, cert);
  }
}
