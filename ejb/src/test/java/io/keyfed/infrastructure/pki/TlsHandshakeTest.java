package io.keyfed.infrastructure.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real handshakes on loopback between {@link ServerPki#serverContext} and {@link
 * TlsContexts#client}.
 */
class TlsHandshakeTest {

  private static final ExecutorService SERVER = Executors.newCachedThreadPool();

  @AfterAll
  static void stop() {
    SERVER.shutdownNow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void theFirstUsersCertificateIsAccepted(String protocol) throws Exception {
    ServerPki pki = SharedPki.primary();
    Outcome outcome =
        handshake(
            pki.serverContext(List.of()),
            TlsContexts.client(pki.clientCert(), pki.clientKey(), pki.caCert()),
            protocol);
    outcome.assertSucceeded();
    assertEquals(protocol, outcome.protocol);
    assertEquals("CN=admin", outcome.clientSubject);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void aClientCertificateFromAnotherCaIsRejected(String protocol) throws Exception {
    ServerPki pki = SharedPki.primary();
    ServerPki stranger = SharedPki.other();
    Outcome outcome =
        handshake(
            pki.serverContext(List.of()),
            // Trusts our CA, so the client would talk; presents a certificate we did not issue.
            TlsContexts.client(stranger.clientCert(), stranger.clientKey(), pki.caCert()),
            protocol);
    outcome.assertRejectedByServer();
  }

  @Test
  void aClientWithoutCertificateIsRejected() throws Exception {
    ServerPki pki = SharedPki.primary();
    TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
    trust.init(pki.trustStore());
    SSLContext anonymous = SSLContext.getInstance("TLS");
    anonymous.init(null, trust.getTrustManagers(), null);
    handshake(pki.serverContext(List.of()), anonymous, "TLSv1.3").assertRejectedByServer();
  }

  @Test
  void aPeersCaPassedAsExtraTrustIsAccepted() throws Exception {
    ServerPki pki = SharedPki.primary();
    ServerPki peer = SharedPki.other();
    // Federation: the peer connects with its own server certificate (EKU clientAuth too).
    Outcome outcome =
        handshake(
            pki.serverContext(peer.caCertificates()),
            TlsContexts.client(peer.serverCert(), peer.serverKey(), pki.caCert()),
            "TLSv1.3");
    outcome.assertSucceeded();
    assertEquals("CN=other.test.example", outcome.clientSubject);
  }

  @Test
  void aClientRefusesAServerOfAnotherCa() throws Exception {
    ServerPki pki = SharedPki.primary();
    ServerPki stranger = SharedPki.other();
    Outcome outcome =
        handshake(
            stranger.serverContext(pki.caCertificates()),
            TlsContexts.client(pki.clientCert(), pki.clientKey(), pki.caCert()),
            "TLSv1.3");
    assertNotNull(outcome.clientFailure, "client accepted an unknown server");
    assertTrue(
        outcome.clientFailure instanceof SSLHandshakeException, outcome.clientFailure::toString);
  }

  @Test
  void anIssuedClientCertificateIsAccepted() throws Exception {
    ServerPki pki = SharedPki.primary();
    IssuedCertificate bob = pki.issueClient("bob");
    Outcome outcome =
        handshake(
            pki.serverContext(List.of()),
            TlsContexts.client(List.of(bob.certificate()), bob.privateKey(), pki.caCertificates()),
            "TLSv1.2");
    outcome.assertSucceeded();
    assertEquals("CN=bob", outcome.clientSubject);
  }

  // ---------------------------------------------------------------------------------------------

  /** What each end saw. */
  static final class Outcome {
    String protocol;
    String clientSubject;
    Exception serverFailure;
    Exception clientFailure;
    boolean echoed;

    void assertSucceeded() {
      assertNull(serverFailure, () -> "server: " + serverFailure);
      assertNull(clientFailure, () -> "client: " + clientFailure);
      assertTrue(echoed);
    }

    void assertRejectedByServer() {
      assertNotNull(serverFailure, "server accepted the client");
      assertTrue(serverFailure instanceof SSLHandshakeException, () -> "server: " + serverFailure);
      // In TLS 1.3 the client's handshake completes before the server checks its certificate;
      // the refusal reaches it on the first read.
      assertNotNull(clientFailure, "client got an answer");
      assertTrue(!echoed);
    }
  }

  /**
   * One connection: the server requires a client certificate and echoes one byte; the client checks
   * the server's name ("localhost", a SAN of every server certificate).
   */
  static Outcome handshake(SSLContext serverContext, SSLContext clientContext, String protocol)
      throws Exception {
    Outcome outcome = new Outcome();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (SSLServerSocket listener =
        (SSLServerSocket)
            serverContext.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
      SSLParameters serverParameters = TlsContexts.serverParameters(serverContext);
      serverParameters.setProtocols(new String[] {protocol});
      listener.setSSLParameters(serverParameters);
      listener.setSoTimeout(20_000);
      Future<?> server =
          SERVER.submit(
              () -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                  socket.setSoTimeout(20_000);
                  socket.startHandshake();
                  outcome.protocol = socket.getSession().getProtocol();
                  outcome.clientSubject =
                      ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                          .getSubjectX500Principal()
                          .getName();
                  InputStream in = socket.getInputStream();
                  OutputStream out = socket.getOutputStream();
                  out.write(in.read());
                  out.flush();
                } catch (Exception e) {
                  outcome.serverFailure = e;
                }
                return null;
              });
      try (Socket plain = new Socket()) {
        plain.connect(new InetSocketAddress(loopback, listener.getLocalPort()), 20_000);
        plain.setSoTimeout(20_000);
        try (SSLSocket socket =
            (SSLSocket)
                clientContext
                    .getSocketFactory()
                    .createSocket(plain, "localhost", listener.getLocalPort(), false)) {
          SSLParameters clientParameters = TlsContexts.clientParameters(clientContext);
          clientParameters.setProtocols(new String[] {protocol});
          socket.setSSLParameters(clientParameters);
          socket.startHandshake();
          socket.getOutputStream().write(42);
          socket.getOutputStream().flush();
          outcome.echoed = socket.getInputStream().read() == 42;
        } catch (IOException e) {
          outcome.clientFailure = e;
        }
      }
      server.get(30, TimeUnit.SECONDS);
    }
    if (!outcome.echoed && outcome.clientFailure == null) {
      outcome.clientFailure = new IOException("connection closed without an answer");
    }
    return outcome;
  }
}
