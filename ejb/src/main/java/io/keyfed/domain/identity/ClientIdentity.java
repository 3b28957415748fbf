package io.keyfed.domain.identity;

import java.util.Objects;

/**
 * The identity of a KMIP client, as established by the transport: the subject of its TLS client
 * certificate (KMIP Authentication Suites profile). {@code name} is the certificate's Common Name
 * (or the whole subject when it has none); it is what object ownership records.
 *
 * @param name the owner name recorded on objects
 * @param subject the certificate subject distinguished name
 * @param channel how the client reached us ("tls", "https"), for audit
 */
public record ClientIdentity(String name, String subject, String channel) {

  public ClientIdentity {
    Objects.requireNonNull(name, "name");
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
}
