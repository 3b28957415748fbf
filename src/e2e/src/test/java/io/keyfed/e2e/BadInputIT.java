package io.keyfed.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.e2e.support.KeyfedServer;
import io.keyfed.infrastructure.pki.Pem;
import io.keyfed.infrastructure.security.AdminUsers;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.json.KmipJson;
import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.RequestHeader;
import io.keyfed.kmip.message.RequestMessage;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.message.ResponseMessage;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.DiscoverVersions;
import io.keyfed.kmip.payload.GetRequest;
import io.keyfed.kmip.payload.UniqueIdentifierRequest;
import io.keyfed.kmip.spec.CredentialType;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.ResultStatus;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import io.keyfed.kmip.xml.KmipXml;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input against a running server while a legitimate client keeps working: each case gets the
 * answer the specification gives (a KMIP response with Invalid Message or Operation Not Supported)
 * or a clean close where no answer is possible (TLS without a client certificate, a message cut
 * short), and after each case the legitimate client's next operation still succeeds.
 */
class BadInputIT {

  static KeyfedServer server;
  static Thread legit;
  static final AtomicBoolean stop = new AtomicBoolean();
  static final AtomicLong legitOk = new AtomicLong();
  static final AtomicReference<Throwable> legitError = new AtomicReference<>();

  @BeforeAll
  static void start() throws Exception {
    // A short per-message read timeout so that the stalled-writer case ends quickly.
    server = KeyfedServer.start("bad-input", Map.of("KEYFED_KMIP_READ_TIMEOUT_SECONDS", "5"));
    legit = new Thread(() -> {
      try (KmipClient c = server.connect(KmipVersion.V1_4)) {
        while (!stop.get()) {
          String uid = createAes(c);
          c.call(Operation.GET, new GetRequest(uid, null, null, null, null).encode());
          c.call(Operation.DESTROY, new UniqueIdentifierRequest(uid).encode());
          legitOk.incrementAndGet();
        }
      } catch (Throwable t) {
        legitError.set(t);
      }
    }, "legitimate-client");
    legit.start();
  }

  @AfterAll
  static void stopAll() throws Exception {
    stop.set(true);
    if (legit != null) {
      legit.join(30_000);
    }
    if (server != null) {
      server.close();
    }
    assertEquals(null, legitError.get(), "the legitimate client failed meanwhile");
    assertTrue(legitOk.get() > 0, "the legitimate client completed cycles");
  }

  static String createAes(KmipClient c) throws IOException {
    Ttlv p = c.call(Operation.CREATE, new CreateRequest(ObjectType.SYMMETRIC_KEY, List.of(
        Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
        Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)))).encode(KmipVersion.V1_4));
    return CreateResponse.decode(p).uniqueIdentifier();
  }

  /** The legitimate client is still served: one more full cycle on a new connection. */
  static void legitimateClientStillServed() throws Exception {
    long before = legitOk.get();
    try (KmipClient c = server.connect(KmipVersion.V2_0)) {
      String uid = createAes(c);
      c.call(Operation.DESTROY, new UniqueIdentifierRequest(uid).encode());
    }
    assertEquals(null, legitError.get(), "the legitimate client failed");
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (legitOk.get() == before && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(legitOk.get() > before, "the legitimate client made progress");
    assertTrue(server.isAlive(), "server process alive");
  }

  static SSLSocket rawConnection(SSLContext tls) throws IOException {
    SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.kmipPort());
    s.setSoTimeout(30_000);
    s.startHandshake();
    return s;
  }

  /** Reads one response message, or null if the server closed the connection first. */
  static ResponseMessage readResponse(InputStream in) throws Exception {
    byte[] msg = new TtlvReader().readMessageBytes(in);
    return msg == null ? null : ResponseMessage.decode(new TtlvReader().read(msg));
  }

  static boolean closedByServer(InputStream in) {
    try {
      return in.read() < 0;
    } catch (IOException e) {
      return true; // reset or TLS alert: closed
    }
  }

  static ResponseBatchItem onlyItem(ResponseMessage r) {
    assertNotNull(r, "expected a KMIP response");
    assertEquals(1, r.batchItems().size());
    return r.batchItems().get(0);
  }

  static byte[] validRequest(Operation op, Ttlv payload) {
    return TtlvWriter.encode(new RequestMessage(RequestHeader.simple(new ProtocolVersion(1, 4), 1),
        List.of(new RequestBatchItem(op.value(), null, payload, null))).encode());
  }

  @Test
  void garbageBytesGetInvalidMessageThenClose() throws Exception {
    try (SSLSocket s = rawConnection(server.clientTls())) {
      OutputStream out = s.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: keyfed\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      ResponseBatchItem item = onlyItem(readResponse(s.getInputStream()));
      assertEquals(ResultStatus.OPERATION_FAILED, item.resultStatus());
      assertEquals(ResultReason.INVALID_MESSAGE, item.resultReason());
      assertTrue(closedByServer(s.getInputStream()), "connection closed after an unframeable message");
    }
    legitimateClientStillServed();
  }

  @Test
  void structureWithGarbageInsideGetsInvalidMessageAndConnectionStaysUsable() throws Exception {
    byte[] msg = new byte[] {0x42, 0x00, 0x78, 0x01, 0, 0, 0, 16, 0x42, 0x00, 0x77, 0x0F, 0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8};
    try (SSLSocket s = rawConnection(server.clientTls())) {
      s.getOutputStream().write(msg);
      s.getOutputStream().flush();
      ResponseBatchItem item = onlyItem(readResponse(s.getInputStream()));
      assertEquals(ResultReason.INVALID_MESSAGE, item.resultReason());
      s.getOutputStream().write(validRequest(Operation.DISCOVER_VERSIONS, new DiscoverVersions(List.of()).encodeRequest()));
      s.getOutputStream().flush();
      assertEquals(ResultStatus.SUCCESS, onlyItem(readResponse(s.getInputStream())).resultStatus(), "same connection still served");
    }
    legitimateClientStillServed();
  }

  @Test
  void truncatedMessageThenEndOfStreamIsClosedWithoutAnswer() throws Exception {
    byte[] full = validRequest(Operation.DISCOVER_VERSIONS, new DiscoverVersions(List.of()).encodeRequest());
    try (SSLSocket s = rawConnection(server.clientTls())) {
      s.getOutputStream().write(Arrays.copyOf(full, full.length / 2));
      s.getOutputStream().flush();
      s.shutdownOutput();
      assertTrue(closedByServer(s.getInputStream()), "no answer to half a message, only a close");
    }
    legitimateClientStillServed();
  }

  @Test
  void stalledWriterIsCutOffByTheMessageDeadline() throws Exception {
    byte[] full = validRequest(Operation.DISCOVER_VERSIONS, new DiscoverVersions(List.of()).encodeRequest());
    try (SSLSocket s = rawConnection(server.clientTls())) {
      s.setSoTimeout(60_000);
      s.getOutputStream().write(Arrays.copyOf(full, 12));
      s.getOutputStream().flush();
      // The server gives a started message 5 s (configured above) and then closes.
      assertTrue(closedByServer(s.getInputStream()), "a writer that stops mid-message is disconnected");
    }
    legitimateClientStillServed();
  }

  @Test
  void lengthAboveTheMaximumGetsInvalidMessageBeforeAnyBodyIsRead() throws Exception {
    byte[] header = new byte[] {0x42, 0x00, 0x78, 0x01, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF8};
    try (SSLSocket s = rawConnection(server.clientTls())) {
      s.getOutputStream().write(header);
      s.getOutputStream().flush();
      ResponseBatchItem item = onlyItem(readResponse(s.getInputStream()));
      assertEquals(ResultReason.INVALID_MESSAGE, item.resultReason());
      assertTrue(item.resultMessage().contains("exceeds"), item.resultMessage());
      assertTrue(closedByServer(s.getInputStream()));
    }
    legitimateClientStillServed();
  }

  @Test
  void clientWithoutCertificateIsRefusedByTls() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", Pem.readCertificates(server.caCert()).get(0));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext noCert = SSLContext.getInstance("TLS");
    noCert.init(null, tmf.getTrustManagers(), null);
    assertThrows(IOException.class, () -> {
      try (SSLSocket s = rawConnection(noCert)) {
        // TLS 1.3 reports the refused client certificate on the first read after the handshake.
        s.getOutputStream().write(validRequest(Operation.DISCOVER_VERSIONS, new DiscoverVersions(List.of()).encodeRequest()));
        s.getOutputStream().flush();
        if (s.getInputStream().read() < 0) {
          throw new IOException("closed");
        }
      }
    });
    legitimateClientStillServed();
  }

  @Test
  void unknownOperationGetsOperationNotSupported() throws Exception {
    try (SSLSocket s = rawConnection(server.clientTls())) {
      byte[] msg = TtlvWriter.encode(new RequestMessage(RequestHeader.simple(new ProtocolVersion(1, 4), 1),
          List.of(new RequestBatchItem(0x000000EE, new byte[] {7}, Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of()), null))).encode());
      s.getOutputStream().write(msg);
      s.getOutputStream().flush();
      ResponseBatchItem item = onlyItem(readResponse(s.getInputStream()));
      assertEquals(ResultReason.OPERATION_NOT_SUPPORTED, item.resultReason());
      assertTrue(Arrays.equals(new byte[] {7}, item.uniqueBatchItemId()), "Unique Batch Item ID echoed");
    }
    legitimateClientStillServed();
  }

  @Test
  void kmipOverHttpsNeedsAClientCertificateAndAnswersInTtlv() throws Exception {
    URI kmip = URI.create("https://localhost:" + server.httpsPort() + "/kmip");
    byte[] body = validRequest(Operation.DISCOVER_VERSIONS, new DiscoverVersions(List.of()).encodeRequest());
    HttpClient withCert = HttpClient.newBuilder().sslContext(server.clientTls()).build();
    HttpResponse<byte[]> ok = withCert.send(HttpRequest.newBuilder(kmip).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, ok.statusCode());
    ResponseMessage r = ResponseMessage.decode(new TtlvReader().read(ok.body()));
    assertEquals(ResultStatus.SUCCESS, onlyItem(r).resultStatus());

    HttpResponse<byte[]> garbage = withCert.send(HttpRequest.newBuilder(kmip).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, garbage.statusCode());
    assertEquals(ResultReason.INVALID_MESSAGE, onlyItem(ResponseMessage.decode(new TtlvReader().read(garbage.body()))).resultReason());

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", Pem.readCertificates(server.caCert()).get(0));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext noCert = SSLContext.getInstance("TLS");
    noCert.init(null, tmf.getTrustManagers(), null);
    HttpRequest anonymousRequest = HttpRequest.newBuilder(kmip).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<String> anonymous;
    try {
      anonymous = HttpClient.newBuilder().sslContext(noCert).build().send(anonymousRequest, HttpResponse.BodyHandlers.ofString());
    } catch (javax.net.ssl.SSLException e) {
      // Once in CI (never in 900 local tries) the JDK client failed to decrypt Payara's TLS 1.3
      // answer here ("Tag mismatch"), when HTTP/2 was still on: most likely Grizzly's HTTP/2
      // output race (see deploy/payara/pre-boot.asadmin), a transport fault, not an answer of
      // ours. A new connection must then get the 401 below; a second fault fails the test.
      System.out.println("[bad-input] anonymous HTTPS request failed in TLS (" + e + "), retried once on a new connection");
      anonymous = HttpClient.newBuilder().sslContext(noCert).build().send(anonymousRequest, HttpResponse.BodyHandlers.ofString());
    }
    assertEquals(401, anonymous.statusCode());
    assertTrue(anonymous.body().contains("certificate"), anonymous.body());
    legitimateClientStillServed();
  }

  /**
   * The XML and JSON encodings on /kmip: a request in each is answered in it; a document type
   * declaration — external entity or entity expansion — is refused as Invalid Message before
   * anything is declared (no file read, no expansion); malformed JSON likewise; another media type
   * is 415.
   */
  @Test
  void kmipOverHttpsSpeaksXmlAndJsonAndRefusesDocumentTypeDeclarations() throws Exception {
    URI kmip = URI.create("https://localhost:" + server.httpsPort() + "/kmip");
    HttpClient withCert = HttpClient.newBuilder().sslContext(server.clientTls()).build();
    KmipXml xml = new KmipXml();
    KmipJson json = new KmipJson();
    Ttlv discover = new TtlvReader().read(validRequest(Operation.DISCOVER_VERSIONS, new DiscoverVersions(List.of()).encodeRequest()));

    HttpResponse<String> inXml = post(withCert, kmip, "text/xml", xml.write(discover));
    assertEquals(200, inXml.statusCode());
    assertTrue(inXml.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"), inXml.headers().toString());
    assertEquals(ResultStatus.SUCCESS, onlyItem(ResponseMessage.decode(xml.read(inXml.body()))).resultStatus());

    HttpResponse<String> inJson = post(withCert, kmip, "application/json", json.write(discover));
    assertEquals(200, inJson.statusCode());
    assertEquals(ResultStatus.SUCCESS, onlyItem(ResponseMessage.decode(json.read(inJson.body()))).resultStatus());

    String request = xml.write(discover);
    String externalEntity = "<?xml version=\"1.0\"?>\n<!DOCTYPE RequestMessage [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
        + request.replaceFirst("<RequestMessage>", "<RequestMessage><!-- &xxe; -->");
    String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE RequestMessage [<!ENTITY a \"aaaaaaaaaa\">"
        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
        + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
        + "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>\n"
        + request.replaceFirst("<RequestMessage>", "<RequestMessage><!-- &g; -->");
    for (String hostile : List.of(externalEntity, laughs)) {
      HttpResponse<String> r = post(withCert, kmip, "text/xml", hostile);
      assertEquals(200, r.statusCode());
      ResponseBatchItem item = onlyItem(ResponseMessage.decode(xml.read(r.body())));
      assertEquals(ResultReason.INVALID_MESSAGE, item.resultReason());
      assertTrue(item.resultMessage().contains("DTD") || item.resultMessage().toLowerCase().contains("document type"),
          item.resultMessage());
      assertTrue(!r.body().contains("root:") && r.body().length() < 4096, "nothing read, nothing expanded: " + r.body());
    }

    HttpResponse<String> badJson = post(withCert, kmip, "application/json", "{\"tag\": \"RequestMessage\", \"value\": [");
    assertEquals(200, badJson.statusCode());
    assertEquals(ResultReason.INVALID_MESSAGE, onlyItem(ResponseMessage.decode(json.read(badJson.body()))).resultReason());

    assertEquals(415, post(withCert, kmip, "text/plain", "hello").statusCode());
    legitimateClientStillServed();
  }

  private static HttpResponse<String> post(HttpClient client, URI uri, String type, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /**
   * KMIP Authentication in the request header: a Username and Password credential of the KMIP
   * users file is accepted; a wrong password, an unknown user and a credential type the server
   * cannot verify get Authentication Not Successful for every batch item.
   */
  @Test
  void credentialsInTheRequestHeaderAreChecked() throws Exception {
    AdminUsers.put(server.home().resolve("kmip-users"), "fred", Set.of("kmip"), "password1".toCharArray());
    Map<String, Ttlv> cases = new LinkedHashMap<>();
    cases.put("right", credential(CredentialType.USERNAME_AND_PASSWORD, Ttlv.text(Tag.USERNAME, "fred"), Ttlv.text(Tag.PASSWORD, "password1")));
    cases.put("wrong password", credential(CredentialType.USERNAME_AND_PASSWORD, Ttlv.text(Tag.USERNAME, "fred"), Ttlv.text(Tag.PASSWORD, "password2")));
    cases.put("unknown user", credential(CredentialType.USERNAME_AND_PASSWORD, Ttlv.text(Tag.USERNAME, "mallory"), Ttlv.text(Tag.PASSWORD, "password1")));
    cases.put("attestation", credential(CredentialType.ATTESTATION, Ttlv.enumeration(Tag.ATTESTATION_TYPE, 1)));
    for (Map.Entry<String, Ttlv> e : cases.entrySet()) {
      RequestHeader h = new RequestHeader(new ProtocolVersion(1, 4), null, null, null, null,
          Ttlv.structure(Tag.AUTHENTICATION, e.getValue()), null, null, null, 2, null, null, List.of());
      byte[] request = TtlvWriter.encode(new RequestMessage(h, List.of(
          new RequestBatchItem(Operation.DISCOVER_VERSIONS.value(), null, new DiscoverVersions(List.of()).encodeRequest(), null),
          new RequestBatchItem(Operation.QUERY.value(), null, Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of()), null))).encode());
      ResponseMessage r;
      try (SSLSocket s = rawConnection(server.clientTls())) {
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
        r = readResponse(s.getInputStream());
      }
      assertNotNull(r, e.getKey());
      assertEquals(2, r.batchItems().size(), e.getKey());
      for (ResponseBatchItem item : r.batchItems()) {
        if (e.getKey().equals("right")) {
          assertEquals(ResultStatus.SUCCESS, item.resultStatus(), e.getKey() + ": " + item.resultMessage());
        } else {
          assertEquals(ResultReason.AUTHENTICATION_NOT_SUCCESSFUL, item.resultReason(), e.getKey());
        }
      }
    }
    legitimateClientStillServed();
  }

  private static Ttlv credential(CredentialType type, Ttlv... value) {
    return Ttlv.structure(Tag.CREDENTIAL, Ttlv.enumeration(Tag.CREDENTIAL_TYPE, type),
        Ttlv.structure(Tag.CREDENTIAL_VALUE, value));
  }
}
