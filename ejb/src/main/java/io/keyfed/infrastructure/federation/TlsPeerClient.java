package io.keyfed.infrastructure.federation;

import io.keyfed.application.federation.PeerClient;
import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.infrastructure.pki.Pem;
import io.keyfed.infrastructure.pki.ServerPki;
import io.keyfed.infrastructure.pki.TlsContexts;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.RequestHeader;
import io.keyfed.kmip.message.RequestMessage;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.spec.BatchErrorContinuationOption;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * KMIP over mutual TLS to peers, in the version the peer's server entity names (2.1 by default): this server presents its own server certificate (it carries
 * clientAuth) and trusts, for each peer, only what the peer's server entity registers — the peer's
 * certificate, or its CA plus the certificate name it must carry. Up to
 * {@value #CONNECTIONS_PER_PEER} connections per peer, each reused and re-opened after a failure,
 * one call at a time on each: the outbox delivers one run per {@link io.keyfed.application.federation.Lanes lane}
 * side by side, and a gateway forwards its clients' operations side by side. A call waits for a
 * free connection when all are busy.
 */
@ApplicationScoped
public class TlsPeerClient implements PeerClient {

  private static final int TIMEOUT_MILLIS = 10_000;

  @Inject
  KeyfedConfig config;

  static final int CONNECTIONS_PER_PEER = 4;

  private final ConcurrentHashMap<Long, Pool> pools = new ConcurrentHashMap<>();

  /** A peer's connections: at most {@link #CONNECTIONS_PER_PEER} in use, the idle ones kept. */
  private static final class Pool {
    final Semaphore inUse = new Semaphore(CONNECTIONS_PER_PEER);
    final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  }

  private static final class Connection {
    KmipClient client;
    String trustPem;
    KmipVersion version;
  }

  @Override
  public Ttlv call(ServerEntity peer, Operation operation, Ttlv requestPayload) throws IOException {
    return exchange(peer, client -> client.call(operation, requestPayload));
  }

  @Override
  public List<ResponseBatchItem> callAll(ServerEntity peer, List<RequestBatchItem> items) throws IOException {
    return exchange(peer, client -> {
      RequestHeader header = new RequestHeader(ProtocolVersion.of(client.version()), null, null, null, null, null,
          BatchErrorContinuationOption.UNDO, true, null, items.size());
      return client.send(new RequestMessage(header, items)).batchItems();
    });
  }

  @Override
  public ResponseBatchItem forward(ServerEntity peer, KmipVersion version, RequestBatchItem item) throws IOException {
    return exchange(peer, client -> {
      // The server answers in the version of each message, whatever the connection spoke before.
      RequestHeader header = new RequestHeader(ProtocolVersion.of(version), null, null, null, null, null, null, null, null, 1);
      List<ResponseBatchItem> answers = client.send(new RequestMessage(header, List.of(item))).batchItems();
      if (answers.size() != 1) {
        throw new IOException(peer.name() + " answered " + answers.size() + " batch items to one");
      }
      return answers.get(0);
    });
  }

  /** One exchange with a peer, over its connection (opened, or reopened after a trust change or a failure). */
  private interface Exchange<T> {
    T with(KmipClient client) throws IOException;
  }

  private <T> T exchange(ServerEntity peer, Exchange<T> exchange) throws IOException {
    Pool pool = pools.computeIfAbsent(peer.id(), k -> new Pool());
    try {
      // Bounded: a busy connection is released within its exchange's timeout.
      if (!pool.inUse.tryAcquire(2L * TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        throw new IOException("every connection to " + peer.name() + " stayed busy");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for a connection to " + peer.name(), e);
    }
    Connection c = pool.idle.pollFirst();
    if (c == null) {
      c = new Connection();
    }
    try {
      if (c.client != null && (!peer.trustPem().equals(c.trustPem) || peer.kmipVersion() != c.version)) {
        close(c);
      }
      if (c.client == null) {
        c.client = connect(peer);
        c.trustPem = peer.trustPem();
        c.version = peer.kmipVersion();
      }
      try {
        return exchange.with(c.client);
      } catch (IOException e) {
        close(c);
        throw e;
      }
    } finally {
      if (c.client != null) {
        pool.idle.offerFirst(c); // the most recently used first: the others may time out idle
      }
      pool.inUse.release();
    }
  }

  private KmipClient connect(ServerEntity peer) throws IOException {
    try {
      ServerPki own = ServerPki.open(config.pkiDir());
      List<X509Certificate> trusted = Pem.readCertificates(peer.trustPem());
      SSLContext tls = TlsContexts.client(own.serverChain(), Pem.readPrivateKey(own.serverKey()), trusted);
      KmipClient client = KmipClient.connect(peer.host(), peer.kmipPort(), tls, peer.kmipVersion(), TIMEOUT_MILLIS);
      X509Certificate presented = client.peerCertificate();
      boolean itself = trusted.contains(presented);
      if (!itself && !ClientIdentity.commonNameOf(presented.getSubjectX500Principal().getName()).equals(peer.certificateName())) {
        client.close();
        throw new SSLPeerUnverifiedException("the server at " + peer.host() + ":" + peer.kmipPort() + " is not " + peer.name()
            + " (certificate " + presented.getSubjectX500Principal().getName() + ")");
      }
      return client;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS to " + peer.name() + ": " + e.getMessage(), e);
    }
  }

  private static void close(Connection c) {
    if (c.client != null) {
      try {
        c.client.close();
      } catch (IOException ignored) {
        // closing a broken connection
      }
      c.client = null;
    }
  }

  @PreDestroy
  void closeAll() {
    pools.values().forEach(p -> {
      Connection c;
      while ((c = p.idle.pollFirst()) != null) {
        close(c);
      }
    });
  }
}
