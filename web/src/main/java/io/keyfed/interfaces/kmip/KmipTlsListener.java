package io.keyfed.interfaces.kmip;

import io.keyfed.application.KmipEndpoint;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.infrastructure.pki.ServerPki;
import io.keyfed.infrastructure.pki.Pem;
import io.keyfed.infrastructure.pki.TlsPolicy;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.ttlv.TtlvException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * KMIP over TLS (KMIP 1.4 §10.1, the Authentication Suites profile): TLS 1.2 or 1.3 with a client
 * certificate required, one thread per connection, requests answered in order on a connection.
 * It moves bytes only: each whole message goes to {@link KmipEndpoint}.
 *
 * <p>Limits, each configurable: maximum message size (checked from the 8-byte header, before the
 * body is read), connections at once (more are closed at accept), idle time between requests, and
 * time to receive a whole message once it has started (slow writers). A message whose header
 * cannot start a KMIP message, or whose declared length is over the limit, gets an Invalid
 * Message response and the connection is closed, since the stream can no longer be framed.
 * A handshake without a trusted client certificate is closed by TLS itself: no KMIP answer is
 * possible there.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class KmipTlsListener {

  private static final Logger LOG = Logger.getLogger(KmipTlsListener.class.getName());
  private static final int HANDSHAKE_TIMEOUT_MILLIS = 15_000;

  @Inject
  KeyfedConfig config;

  @Inject
  KmipEndpoint endpoint;

  @Resource
  ManagedThreadFactory threads;

  private SSLServerSocket server;
  private TlsPolicy policy;
  private Thread acceptor;
  private Semaphore slots;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong served = new AtomicLong();
  private volatile boolean running;
  private volatile int boundPort = -1;

  @PostConstruct
  void start() {
    if (!config.kmipEnabled()) {
      LOG.info("KMIP TLS listener disabled (keyfed.kmip.enabled=false)");
      return;
    }
    ServerPki pki;
    SSLContext tls;
    try {
      pki = ServerPki.ensure(config.pkiDir(), config.pkiHostname(), List.of());
      List<X509Certificate> extraCas = config.tlsExtraClientCas() == null ? List.of() : Pem.readCertificates(config.tlsExtraClientCas());
      tls = pki.serverContext(extraCas);
      policy = TlsPolicy.load(tls, config.tlsCipherSuites(), config.tlsDeniedCertificates());
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up TLS from " + config.pkiDir() + ": " + e.getMessage(), e);
    }
    if (pki.generated()) {
      LOG.info(pki.describe());
    }
    int port = config.kmipPort();
    try {
      server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
      server.setReuseAddress(true);
      server.setSSLParameters(policy.serverParameters(tls));
      server.setNeedClientAuth(true);
      server.bind(new InetSocketAddress(InetAddress.getByName(config.kmipBindAddress()), port), 128);
    } catch (IOException e) {
      // Fail the deployment: a KMIP server that does not listen must not look healthy.
      throw new IllegalStateException("cannot listen for KMIP on " + config.kmipBindAddress() + ":" + port + ": " + e.getMessage(), e);
    }
    boundPort = server.getLocalPort();
    slots = new Semaphore(config.kmipMaxConnections());
    running = true;
    acceptor = threads.newThread(this::acceptLoop);
    acceptor.setName("kmip-accept-" + boundPort);
    acceptor.start();
    LOG.info("KMIP over TLS listening on " + config.kmipBindAddress() + ":" + boundPort
        + " (client certificates from " + pki.caCert() + "; cipher suites " + policy.cipherSuites() + ")");
  }

  /** The bound port, or -1 when not listening (health). */
  public int port() {
    return boundPort;
  }

  /** Whether a client certificate is on the deny-list (also checked by the HTTPS entry points). */
  public boolean denied(X509Certificate cert) {
    return policy != null && policy.denied(cert);
  }

  public boolean listening() {
    return running && server != null && !server.isClosed();
  }

  public int openConnections() {
    return open.size();
  }

  private void acceptLoop() {
    while (running) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (running) {
          LOG.log(Level.WARNING, "KMIP accept failed", e);
          continue;
        }
        return;
      }
      if (!slots.tryAcquire()) {
        LOG.warning("KMIP connection from " + s.getRemoteSocketAddress() + " refused: " + config.kmipMaxConnections() + " connections open");
        closeQuietly(s);
        continue;
      }
      open.add(s);
      try {
        Thread t = threads.newThread(() -> serve((SSLSocket) s));
        t.setName("kmip-conn-" + served.incrementAndGet());
        t.start();
      } catch (RuntimeException | Error e) {
        LOG.log(Level.SEVERE, "cannot start a KMIP connection thread", e);
        release(s);
      }
    }
  }

  private void serve(SSLSocket s) {
    try {
      s.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
      s.setTcpNoDelay(true);
      s.startHandshake();
      X509Certificate peer = (X509Certificate) s.getSession().getPeerCertificates()[0];
      if (policy.denied(peer)) {
        LOG.warning("KMIP connection from " + s.getRemoteSocketAddress() + " refused: certificate "
            + peer.getSubjectX500Principal().getName() + " is on the deny-list");
        return;
      }
      ClientIdentity client = ClientIdentity.fromSubject(peer.getSubjectX500Principal().getName(), "tls");
      DeadlineInputStream in = new DeadlineInputStream(s, new BufferedInputStream(s.getInputStream(), 16 * 1024));
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
      int idle = config.kmipIdleTimeoutSeconds() * 1000;
      long perMessage = config.kmipReadTimeoutSeconds() * 1000L;
      while (running) {
        in.awaitMessage(idle);
        int first = in.read();
        if (first < 0) {
          return; // the client closed between messages
        }
        in.messageStarted(perMessage);
        byte[] request;
        try {
          request = endpoint.reader().readMessageBytes(first, in);
        } catch (TtlvException e) {
          out.write(endpoint.errorResponse(null, ResultReason.INVALID_MESSAGE, "malformed message: " + e.getMessage()));
          out.flush();
          return;
        }
        out.write(endpoint.handle(request, client));
        out.flush();
      }
    } catch (SSLPeerUnverifiedException e) {
      LOG.fine(() -> "KMIP client without a certificate: " + s.getRemoteSocketAddress());
    } catch (SocketTimeoutException e) {
      LOG.fine(() -> "KMIP connection timed out: " + s.getRemoteSocketAddress());
    } catch (EOFException | SocketException e) {
      LOG.fine(() -> "KMIP connection closed: " + s.getRemoteSocketAddress() + ": " + e.getMessage());
    } catch (IOException e) {
      LOG.fine(() -> "KMIP connection ended: " + s.getRemoteSocketAddress() + ": " + e);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "KMIP connection failed", e);
    } finally {
      release(s);
    }
  }

  private void release(Socket s) {
    if (open.remove(s)) {
      slots.release();
    }
    closeQuietly(s);
  }

  @PreDestroy
  void stop() {
    running = false;
    if (server != null) {
      closeQuietly(server);
    }
    for (Socket s : open) {
      closeQuietly(s);
    }
    if (acceptor != null) {
      try {
        acceptor.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing: nothing more to do
    }
  }
}
