package io.keyfed.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.e2e.support.KeyfedServer;
import io.keyfed.infrastructure.pki.IssuedCertificate;
import io.keyfed.infrastructure.pki.Pem;
import io.keyfed.infrastructure.pki.ServerPki;
import io.keyfed.infrastructure.pki.TlsContexts;
import io.keyfed.infrastructure.security.AdminUsers;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.payload.DiscoverVersions;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Operation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API's authentication as a user meets it: a client certificate configured as admin, a
 * password user, and the refusals (no credentials, a wrong password, a certificate without a
 * role), each a problem+json body; and the audit trail of KMIP operations read through it.
 */
class AdminApiIT {

  static KeyfedServer server;
  static final String AUDITOR = "carol";
  static final String PASSWORD = "correct horse battery staple";

  @BeforeAll
  static void start() throws Exception {
    server = KeyfedServer.start("admin-api", Map.of());
    AdminUsers.put(server.home().resolve("admin-users"), AUDITOR, Set.of("auditor"), PASSWORD.toCharArray());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  URI api(String path) {
    return URI.create("https://localhost:" + server.httpsPort() + "/api/" + path);
  }

  static SSLContext trustOnly(Path ca) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", Pem.readCertificates(ca).get(0));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  static HttpResponse<String> get(SSLContext tls, URI uri, String basic) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    if (basic != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newBuilder().sslContext(tls).build().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void assertProblem(HttpResponse<String> r, int status) {
    assertEquals(status, r.statusCode(), "body: " + r.body() + "; server log: " + server.log());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], r.headers().map().toString());
    assertTrue(r.body().contains("\"status\":" + status) && r.body().contains("\"detail\""), r.body());
  }

  @Test
  void adminCertificateReadsTheServer() throws Exception {
    HttpResponse<String> r = get(server.clientTls(), api("server"), null);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"name\":\"admin-api\"") && r.body().contains("\"admin\":true"), r.body());
  }

  @Test
  void noCredentialsIs401() throws Exception {
    HttpResponse<String> r = get(trustOnly(server.caCert()), api("server"), null);
    assertProblem(r, 401);
    assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
  }

  @Test
  void wrongPasswordIs401() throws Exception {
    assertProblem(get(trustOnly(server.caCert()), api("server"), AUDITOR + ":not the password"), 401);
    assertProblem(get(trustOnly(server.caCert()), api("server"), "nobody:" + PASSWORD), 401);
  }

  @Test
  void certificateWithoutARoleIs403() throws Exception {
    IssuedCertificate bob = ServerPki.open(server.home().resolve("pki")).issueClient("bob");
    Path dir = server.home().resolve("bob");
    java.nio.file.Files.createDirectories(dir);
    bob.writeTo(dir.resolve("bob.pem"), dir.resolve("bob-key.pem"));
    SSLContext tls = TlsContexts.client(dir.resolve("bob.pem"), dir.resolve("bob-key.pem"), server.caCert());
    assertProblem(get(tls, api("server"), null), 403);
  }

  @Test
  void auditorReadsTheAuditTrailOfKmipOperations() throws Exception {
    try (KmipClient c = server.connect(KmipVersion.V2_0)) {
      c.call(Operation.DISCOVER_VERSIONS, new DiscoverVersions(List.of()).encodeRequest());
    }
    HttpResponse<String> r = null;
    for (int i = 0; i < 300; i++) { // the audit trail is written asynchronously (JMS → MDB)
      r = get(trustOnly(server.caCert()), api("audit?limit=50"), AUDITOR + ":" + PASSWORD);
      if (r.statusCode() == 200 && r.body().contains("\"action\":\"Discover Versions\"")) {
        break;
      }
      Thread.sleep(100);
    }
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"action\":\"Discover Versions\"") && r.body().contains("\"actor\":\"admin\""), r.body());
    assertProblem(get(trustOnly(server.caCert()), api("audit?limit=0"), AUDITOR + ":" + PASSWORD), 400);
  }
}
