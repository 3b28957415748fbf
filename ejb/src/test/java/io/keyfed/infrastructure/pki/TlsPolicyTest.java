package io.keyfed.infrastructure.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsPolicyTest {

  @TempDir
  Path dir;

  @Test
  void defaultsAreTheKmipSuitesThisJdkOffersInOrder() throws Exception {
    TlsPolicy p = TlsPolicy.load(SSLContext.getDefault(), null, null);
    assertEquals("TLS_AES_256_GCM_SHA384", p.cipherSuites().get(0));
    assertTrue(TlsPolicy.KMIP_SUITES.containsAll(p.cipherSuites()));
    assertTrue(p.cipherSuites().contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
    String[] applied = p.serverParameters(SSLContext.getDefault()).getCipherSuites();
    assertEquals(p.cipherSuites(), List.of(applied));
  }

  @Test
  void configuredSuitesMustExist() throws Exception {
    assertEquals(List.of("TLS_AES_128_GCM_SHA256"), TlsPolicy.load(SSLContext.getDefault(), "TLS_AES_128_GCM_SHA256", null).cipherSuites());
    assertThrows(IllegalArgumentException.class, () -> TlsPolicy.load(SSLContext.getDefault(), "TLS_NOT_A_SUITE", null));
  }

  @Test
  void theDenyListMatchesByFingerprintOrSubject() throws Exception {
    ServerPki pki = ServerPki.ensure(dir.resolve("pki"), "localhost", List.of());
    X509Certificate alice = pki.issueClient("alice").certificate();
    X509Certificate bob = pki.issueClient("bob").certificate();
    X509Certificate carol = pki.issueClient("carol").certificate();
    Path deny = dir.resolve("denied");
    String fp = TlsPolicy.fingerprint(alice);
    Files.writeString(deny, "# withdrawn\n" + fp.substring(0, 2) + ":" + fp.substring(2).toUpperCase() + "\n"
        + "subject:" + bob.getSubjectX500Principal().getName() + "\n");
    TlsPolicy p = TlsPolicy.load(SSLContext.getDefault(), null, deny);
    assertTrue(p.denied(alice), "by fingerprint, colons and case ignored");
    assertTrue(p.denied(bob), "by subject");
    assertFalse(p.denied(carol));
  }
}
