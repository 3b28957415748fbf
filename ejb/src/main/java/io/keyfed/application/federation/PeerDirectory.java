package io.keyfed.application.federation;

import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.infrastructure.pki.Pem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Recognises peer servers among the callers: a caller is the server entity {@code S} when its TLS
 * client certificate is the certificate registered for S, or is issued by the CA registered for S
 * (the signature checked) and names S's certificate name as its Common Name. Ordinary clients never
 * match, so servers are authenticated as server entities, not as clients.
 */
@ApplicationScoped
public class PeerDirectory {

  private static final Logger LOG = Logger.getLogger(PeerDirectory.class.getName());

  @Inject
  FederationReads reads;

  private record Entry(ServerEntity server, List<X509Certificate> trust) {}

  private volatile List<Entry> entries;
  private volatile long loadedAt;

  /** The peer this caller is, or null. */
  public ServerEntity peerOf(ClientIdentity client) {
    X509Certificate cert = client == null ? null : client.certificate();
    if (cert == null) {
      return null;
    }
    for (Entry e : entries()) {
      for (X509Certificate t : e.trust()) {
        if (t.equals(cert)) {
          return e.server();
        }
        if (t.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
            && client.name().equals(e.server().certificateName()) && signedBy(cert, t)) {
          return e.server();
        }
      }
    }
    return null;
  }

  /** The server entity with this name, or null. */
  public ServerEntity named(String name) {
    for (Entry e : entries()) {
      if (e.server().name().equals(name)) {
        return e.server();
      }
    }
    return null;
  }

  public void invalidate() {
    entries = null;
  }

  private List<Entry> entries() {
    List<Entry> es = entries;
    if (es == null || System.nanoTime() - loadedAt > RuleCache.MAX_AGE_NANOS) {
      es = new ArrayList<>();
      List<ServerEntity> servers;
      servers = reads.servers();
      for (ServerEntity s : servers) {
        try {
          es.add(new Entry(s, Pem.readCertificates(s.trustPem())));
        } catch (IOException e) {
          LOG.warning("server entity " + s.name() + " has an unreadable certificate: " + e.getMessage());
        }
      }
      entries = List.copyOf(es);
      loadedAt = System.nanoTime();
    }
    return es;
  }

  private static boolean signedBy(X509Certificate cert, X509Certificate ca) {
    try {
      cert.verify(ca.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
