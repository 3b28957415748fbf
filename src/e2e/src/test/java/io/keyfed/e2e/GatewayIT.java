package io.keyfed.e2e;

import static io.keyfed.e2e.support.Peers.absent;
import static io.keyfed.e2e.support.Peers.api;
import static io.keyfed.e2e.support.Peers.closeAll;
import static io.keyfed.e2e.support.Peers.pki;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.e2e.support.KeyfedServer;
import io.keyfed.e2e.support.Peers;
import io.keyfed.infrastructure.pki.Pem;
import io.keyfed.infrastructure.pki.TlsContexts;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.RequestHeader;
import io.keyfed.kmip.message.RequestMessage;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.payload.CertifyRequest;
import io.keyfed.kmip.payload.GetRequest;
import io.keyfed.kmip.payload.GetResponse;
import io.keyfed.kmip.spec.CertificateRequestType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.ResultStatus;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.application.federation.OnBehalfOf;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Use case 5 of DESIGN.md, gateway/proxy, with two real servers: "gateway" holds no CA key (its
 * TLS certificates come from the federation's CA, which it cannot use) and is configured to
 * forward Certify to "upstream", which holds the CA. A client, alice, certifies a key at the
 * gateway in KMIP 1.4 and 2.0 and gets the upstream's certificate as if the gateway had issued
 * it; at the upstream the certificate is alice's (she can Get it there, the gateway's own identity
 * cannot) and the audit names her, "via gateway". Failures come back unchanged, and a client that
 * is not a registered gateway cannot pass itself off as another by the same Message Extension.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayIT {

  private Path dir;
  private KeyfedServer upstream;
  private KeyfedServer gateway;
  private SSLContext alice;

  @BeforeAll
  void gatewayAndUpstream() throws Exception {
    Path work = Path.of(System.getProperty("keyfed.work", "target/e2e-work"));
    Files.createDirectories(work);
    dir = Files.createTempDirectory(work, "gateway-");
    Path ca = dir.resolve("ca");
    Peers.federationPki(dir, "upstream", "gateway");
    // The upstream is the CA: it holds the CA key. The gateway does not.
    Files.copy(ca.resolve("ca-key.pem"), dir.resolve("upstream/pki/ca-key.pem"));
    pki("issue-client", ca.toString(), "alice", dir.resolve("alice.pem").toString(), dir.resolve("alice-key.pem").toString());
    alice = TlsContexts.client(dir.resolve("alice.pem"), dir.resolve("alice-key.pem"), ca.resolve("ca.pem"));

    List<KeyfedServer> both = Peers.startAll(
        () -> KeyfedServer.startAt("upstream", dir.resolve("upstream"),
            Map.of("KEYFED_SERVER_NAME", "upstream", "KEYFED_FEDERATION_ROLES", "CENTRAL")),
        () -> KeyfedServer.startAt("gateway", dir.resolve("gateway"),
            Map.of("KEYFED_SERVER_NAME", "gateway", "KEYFED_FEDERATION_ROLES", "GATEWAY",
                "KEYFED_GATEWAY_UPSTREAM", "upstream", "KEYFED_GATEWAY_OPERATIONS", "Certify")));
    upstream = both.get(0);
    gateway = both.get(1);
    Peers.register(gateway, upstream, "UPSTREAM");
    Peers.register(upstream, gateway, "GATEWAY");
  }

  @AfterAll
  void stop() throws Exception {
    closeAll(gateway, upstream);
  }

  @Test
  void certifyAtTheGatewayIsDoneByTheUpstreamForTheClient() throws Exception {
    for (KmipVersion v : List.of(KmipVersion.V1_4, KmipVersion.V2_0)) {
      KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
      X500Principal subject = new X500Principal("CN=alice-device-" + v.label());
      byte[] csr = new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())).getEncoded();
      String uid;
      X509Certificate issued;
      try (KmipClient c = KmipClient.connect("127.0.0.1", gateway.kmipPort(), alice, v)) {
        Ttlv r = c.call(Operation.CERTIFY, new CertifyRequest(null, null, CertificateRequestType.PKCS_10, csr, null, List.of()).encode(v));
        uid = r.child(Tag.UNIQUE_IDENTIFIER).asText();
        // The certificate is the upstream's: the gateway holds nothing of it.
        KmipException here = assertThrows(KmipException.class, () -> get(c, uid));
        assertTrue(absent(here), v.label() + ": " + here.resultReason());
      }
      try (KmipClient c = KmipClient.connect("127.0.0.1", upstream.kmipPort(), alice, v)) {
        issued = certificate(get(c, uid));
        assertEquals(subject, issued.getSubjectX500Principal());
        assertEquals(pair.getPublic(), issued.getPublicKey());
        X509Certificate ca = Pem.readCertificates(dir.resolve("ca/ca.pem")).get(0);
        issued.verify(ca.getPublicKey());
      }
      // At the upstream the certificate is alice's, not the gateway's or anyone else's.
      try (KmipClient c = upstream.connect(v)) {
        KmipException e = assertThrows(KmipException.class, () -> get(c, uid));
        assertTrue(absent(e) || e.resultReason() == ResultReason.PERMISSION_DENIED, v.label() + ": " + e.resultReason());
      }
      JsonArray trail = Json.createReader(new StringReader(api(upstream, "GET", "audit?object=" + uid, null).body())).readArray();
      JsonObject certify = null;
      for (JsonValue e : trail) {
        if ("Certify".equals(e.asJsonObject().getString("action", ""))) {
          certify = e.asJsonObject();
        }
      }
      assertTrue(certify != null, trail.toString());
      assertEquals("alice", certify.getString("actor"), certify.toString());
      assertEquals("via gateway", certify.getString("channel"), certify.toString());
    }
  }

  @Test
  void theUpstreamsFailureComesBackUnchanged() throws Exception {
    for (KmipVersion v : List.of(KmipVersion.V1_4, KmipVersion.V2_0)) {
      try (KmipClient c = KmipClient.connect("127.0.0.1", gateway.kmipPort(), alice, v)) {
        KmipException e = assertThrows(KmipException.class, () -> c.call(Operation.CERTIFY,
            new CertifyRequest("no-such-key", null, null, null, null, List.of()).encode(v)));
        assertEquals(v.atLeast(KmipVersion.V2_0) ? ResultReason.OBJECT_NOT_FOUND : ResultReason.ITEM_NOT_FOUND, e.resultReason());
        assertTrue(e.getMessage().contains("no-such-key"), e.getMessage());
      }
    }
  }

  @Test
  void onlyARegisteredGatewayMayNameAnotherClient() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=forged"), pair.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())).getEncoded();
    KmipVersion v = KmipVersion.V2_0;
    String uid;
    try (KmipClient c = KmipClient.connect("127.0.0.1", upstream.kmipPort(), alice, v)) {
      // alice, an ordinary client, sends the gateway's extension naming "admin": she stays alice.
      RequestBatchItem item = new RequestBatchItem(Operation.CERTIFY.value(), null,
          new CertifyRequest(null, null, CertificateRequestType.PKCS_10, csr, null, List.of()).encode(v), OnBehalfOf.extension("admin"));
      RequestHeader header = new RequestHeader(ProtocolVersion.of(v), null, null, null, null, null, null, null, null, 1);
      ResponseBatchItem answer = c.send(new RequestMessage(header, List.of(item))).batchItems().get(0);
      assertEquals(ResultStatus.SUCCESS, answer.resultStatus(), answer.resultMessage());
      uid = answer.responsePayload().child(Tag.UNIQUE_IDENTIFIER).asText();
      get(c, uid); // hers
    }
    try (KmipClient c = upstream.connect(v)) { // admin
      KmipException e = assertThrows(KmipException.class, () -> get(c, uid));
      assertTrue(absent(e) || e.resultReason() == ResultReason.PERMISSION_DENIED, e.resultReason().toString());
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static Ttlv get(KmipClient c, String uid) throws Exception {
    return GetResponse.decode(c.call(Operation.GET, new GetRequest(uid, null, null, null, null).encode())).object();
  }

  private static X509Certificate certificate(Ttlv object) throws Exception {
    byte[] der = object.child(Tag.CERTIFICATE_VALUE).asBytes();
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }
}
