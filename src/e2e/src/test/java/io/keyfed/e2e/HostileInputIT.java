package io.keyfed.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.e2e.support.KeyfedServer;
import io.keyfed.infrastructure.pki.IssuedCertificate;
import io.keyfed.infrastructure.pki.ServerPki;
import io.keyfed.infrastructure.pki.TlsContexts;
import io.keyfed.infrastructure.pki.TlsPolicy;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.message.KmipException;
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
import io.keyfed.kmip.payload.LocateRequest;
import io.keyfed.kmip.payload.LocateResponse;
import io.keyfed.kmip.payload.UniqueIdentifierRequest;
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
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input suite (beyond BadInputIT's framing cases): deep nesting, unknown types,
 * unsupported versions, foreign and deny-listed certificates, another owner's objects, a replayed
 * Destroy, oversized batches, a request flood, and a thousand idle connections — while a
 * legitimate client keeps working, and with the server's thread and file-descriptor counts back
 * at their baseline once each hostile client is gone (threads and open sockets, from /proc).
 */
class HostileInputIT {

  static KeyfedServer server;
  static Thread legit;
  static final AtomicBoolean stop = new AtomicBoolean();
  static final AtomicLong legitOk = new AtomicLong();
  static final AtomicReference<Throwable> legitError = new AtomicReference<>();
  static SSLContext bob;
  static SSLContext mallory;
  static int baseThreads;
  static int baseFds;

  @BeforeAll
  static void start() throws Exception {
    server = KeyfedServer.start("hostile", Map.of("KEYFED_KMIP_RATE_PER_IDENTITY", "300", "KEYFED_KMIP_MAX_BATCH_ITEMS", "100"));
    ServerPki pki = ServerPki.open(server.home().resolve("pki"));
    bob = client(pki.issueClient("bob"), server.caCert(), "bob");
    IssuedCertificate m = pki.issueClient("mallory");
    mallory = client(m, server.caCert(), "mallory");
    // Mallory's certificate is withdrawn: on the deny-list that the server reads at start.
    Files.writeString(server.home().resolve("pki/denied-certificates"), TlsPolicy.fingerprint(m.certificate()) + "\n");
    server.close();
    server = server.restart();
    legit = new Thread(() -> {
      try (KmipClient c = server.connect(KmipVersion.V1_4)) {
        while (!stop.get()) {
          String uid = createAes(c);
          c.call(Operation.DESTROY, new UniqueIdentifierRequest(uid).encode());
          legitOk.incrementAndGet();
          Thread.sleep(20); // well under the rate limit: this client must never be refused
        }
      } catch (Throwable t) {
        legitError.set(t);
      }
    }, "legitimate-client");
    legit.start();
    Thread.sleep(2000);
    baseThreads = threads();
    baseFds = fds();
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
    assertTrue(legitOk.get() > 0);
  }

  static SSLContext client(IssuedCertificate c, Path ca, String name) throws Exception {
    Path dir = server.home().resolve("clients");
    Files.createDirectories(dir);
    c.writeTo(dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"));
    return TlsContexts.client(dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"), ca);
  }

  static String createAes(KmipClient c) throws IOException {
    return CreateResponse.decode(c.call(Operation.CREATE, new CreateRequest(ObjectType.SYMMETRIC_KEY, List.of(
        Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
        Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)))).encode(c.version())))
        .uniqueIdentifier();
  }

  // ---- resource counts ------------------------------------------------------------------------

  static int threads() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc", String.valueOf(server.pid()), "task"))) {
      return (int) s.count();
    }
  }

  /**
   * Open sockets: what a leaked connection would leave behind. Files are not counted: the
   * embedded broker's journal and the database open more of them as the legitimate client's
   * audit trail and objects grow, which is no leak.
   */
  static int fds() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc", String.valueOf(server.pid()), "fd"))) {
      return (int) s.filter(HostileInputIT::isSocket).count();
    }
  }

  private static boolean isSocket(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString().startsWith("socket:");
    } catch (IOException e) {
      return false; // closed meanwhile
    }
  }

  /**
   * Waits (bounded) for threads and descriptors to come back near the baseline. Pools may keep a
   * few more threads warm, so a small margin is allowed; a leak of one per connection is not.
   */
  static void backToBaseline(String after) throws Exception {
    int t = 0;
    int f = 0;
    for (int i = 0; i < 120; i++) {
      t = threads();
      f = fds();
      if (t <= baseThreads + 8 && f <= baseFds + 8) {
        System.out.printf("after %s: threads %d (baseline %d), sockets %d (baseline %d)%n", after, t, baseThreads, f, baseFds);
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("after " + after + ": threads " + t + " (baseline " + baseThreads + "), sockets " + f + " (baseline " + baseFds + ")");
  }

  static void legitimateClientStillServed() throws Exception {
    long before = legitOk.get();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (legitOk.get() == before && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(null, legitError.get(), "the legitimate client failed");
    assertTrue(legitOk.get() > before, "the legitimate client made progress");
  }

  static ResponseMessage exchange(SSLContext tls, byte[] request) throws Exception {
    try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.kmipPort())) {
      s.setSoTimeout(60_000);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      byte[] msg = new TtlvReader().readMessageBytes(s.getInputStream());
      return msg == null ? null : ResponseMessage.decode(new TtlvReader().read(msg));
    }
  }

  static ResponseBatchItem only(ResponseMessage r) {
    assertNotNull(r, "a KMIP response");
    return r.batchItems().get(0);
  }

  static byte[] request(ProtocolVersion v, Operation op, Ttlv payload) {
    return TtlvWriter.encode(new RequestMessage(RequestHeader.simple(v, 1),
        List.of(new RequestBatchItem(op.value(), null, payload, null))).encode());
  }

  // ---- the cases ------------------------------------------------------------------------------

  @Test
  void nesting100000DeepIsInvalidMessage() throws Exception {
    int depth = 100_000;
    ByteBuffer b = ByteBuffer.allocate(8 * depth);
    for (int i = 0; i < depth; i++) {
      b.put(new byte[] {0x42, 0x00, 0x78, 0x01}).putInt(8 * (depth - i - 1));
    }
    ResponseBatchItem item = only(exchange(server.clientTls(), b.array()));
    assertEquals(ResultReason.INVALID_MESSAGE, item.resultReason(), item.resultMessage());
    assertTrue(item.resultMessage().contains("deeper"), item.resultMessage());
    legitimateClientStillServed();
    backToBaseline("deep nesting");
  }

  @Test
  void unknownItemTypeAndUnknownTagsAreRefusedOrIgnoredAsTheSpecSays() throws Exception {
    byte[] unknownType = {0x42, 0x00, 0x78, 0x01, 0, 0, 0, 16, 0x42, 0x00, 0x77, 0x1F, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0};
    assertEquals(ResultReason.INVALID_MESSAGE, only(exchange(server.clientTls(), unknownType)).resultReason());
    // A Request Message whose header is an unknown vendor tag: not a request.
    byte[] unknownTag = TtlvWriter.encode(Ttlv.structure(Tag.REQUEST_MESSAGE, Ttlv.integer(0x54FFFF, 1)));
    assertEquals(ResultReason.INVALID_MESSAGE, only(exchange(server.clientTls(), unknownTag)).resultReason());
    legitimateClientStillServed();
  }

  @Test
  void unsupportedAndMalformedProtocolVersions() throws Exception {
    ResponseMessage r = exchange(server.clientTls(), request(new ProtocolVersion(9, 9), Operation.QUERY, Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of())));
    assertEquals(ResultReason.INVALID_MESSAGE, only(r).resultReason());
    assertEquals(new ProtocolVersion(2, 1), r.header().protocolVersion(), "answered in the closest version below");
    ResponseMessage dv = exchange(server.clientTls(), request(new ProtocolVersion(9, 9), Operation.DISCOVER_VERSIONS, new DiscoverVersions(List.of()).encodeRequest()));
    assertEquals(ResultStatus.SUCCESS, only(dv).resultStatus(), "Discover Versions works in any version");
    byte[] negative = request(new ProtocolVersion(-1, 0), Operation.QUERY, Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of()));
    assertEquals(ResultReason.INVALID_MESSAGE, only(exchange(server.clientTls(), negative)).resultReason());
    legitimateClientStillServed();
  }

  @Test
  void certificatesFromAnotherCaOrOnTheDenyListGetNoSession() throws Exception {
    ServerPki foreign = ServerPki.ensure(server.home().resolve("foreign-pki"), "localhost", List.of());
    SSLContext stranger = TlsContexts.client(foreign.clientCert(), foreign.clientKey(), server.caCert());
    for (SSLContext tls : List.of(stranger, mallory)) {
      assertThrows(IOException.class, () -> {
        ResponseMessage r = exchange(tls, request(new ProtocolVersion(1, 4), Operation.DISCOVER_VERSIONS, new DiscoverVersions(List.of()).encodeRequest()));
        if (r == null) {
          throw new IOException("closed without an answer");
        }
      });
    }
    legitimateClientStillServed();
    backToBaseline("refused certificates");
  }

  @Test
  void anotherOwnersObjectsAreNeitherUsableNorVisible() throws Exception {
    String uid;
    try (KmipClient admin = server.connect(KmipVersion.V2_0)) {
      uid = createAes(admin);
    }
    try (KmipClient b = KmipClient.connect("127.0.0.1", server.kmipPort(), bob, KmipVersion.V2_0)) {
      KmipException get = assertThrows(KmipException.class, () -> b.call(Operation.GET, new GetRequest(uid, null, null, null, null).encode()));
      assertEquals(ResultReason.PERMISSION_DENIED, get.resultReason());
      KmipException destroy = assertThrows(KmipException.class, () -> b.call(Operation.DESTROY, new UniqueIdentifierRequest(uid).encode()));
      assertEquals(ResultReason.PERMISSION_DENIED, destroy.resultReason());
      LocateResponse all = LocateResponse.decode(b.call(Operation.LOCATE, new LocateRequest(null, null, null, null, List.of()).encode(KmipVersion.V2_0)));
      assertFalse(all.uniqueIdentifiers().contains(uid), "Locate never reveals another owner's object");
    }
    try (KmipClient admin = server.connect(KmipVersion.V2_0)) {
      admin.call(Operation.GET, new GetRequest(uid, null, null, null, null).encode());
    }
    legitimateClientStillServed();
  }

  @Test
  void aReplayedDestroyIsRefused() throws Exception {
    try (KmipClient c = server.connect(KmipVersion.V2_0)) {
      String uid = createAes(c);
      byte[] destroy = request(new ProtocolVersion(2, 0), Operation.DESTROY, new UniqueIdentifierRequest(uid).encode());
      assertEquals(ResultStatus.SUCCESS, only(exchange(server.clientTls(), destroy)).resultStatus());
      ResponseBatchItem replay = only(exchange(server.clientTls(), destroy));
      assertEquals(ResultReason.WRONG_KEY_LIFECYCLE_STATE, replay.resultReason(), replay.resultMessage());
    }
    legitimateClientStillServed();
  }

  @Test
  void tooManyBatchItemsAndAFloodAreRefusedPolitely() throws Exception {
    List<RequestBatchItem> items = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      items.add(new RequestBatchItem(Operation.DISCOVER_VERSIONS.value(), null, new DiscoverVersions(List.of()).encodeRequest(), null));
    }
    byte[] big = TtlvWriter.encode(new RequestMessage(RequestHeader.simple(new ProtocolVersion(2, 0), 101), items).encode());
    ResponseMessage r = exchange(server.clientTls(), big);
    assertEquals(101, r.batchItems().size());
    assertEquals(ResultReason.INVALID_MESSAGE, r.batchItems().get(0).resultReason());

    // Bob floods: above 300 operations per second (bursts of 600) he is refused; others are not.
    // He floods on four connections at once (the limit is his, across connections) until refused,
    // for at most a minute: one connection on a loaded 2-core machine may not reach 300 a second.
    java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
    List<RequestBatchItem> hundred = new ArrayList<>(items.subList(0, 100));
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    java.util.concurrent.ExecutorService flood = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> floods = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        floods.add(flood.submit(() -> {
          try (KmipClient b = KmipClient.connect("127.0.0.1", server.kmipPort(), bob, KmipVersion.V2_0)) {
            while (refused.get() == 0 && System.nanoTime() < until) {
              for (ResponseBatchItem it : b.sendBatch(hundred)) {
                if (it.resultReason() == ResultReason.SERVER_LIMIT_EXCEEDED) {
                  refused.incrementAndGet();
                }
              }
            }
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : floods) {
        f.get();
      }
    } finally {
      flood.shutdownNow();
    }
    assertTrue(refused.get() > 0, "the flood was refused with Server Limit Exceeded");
    legitimateClientStillServed();
  }

  @Test
  void aThousandIdleConnections() throws Exception {
    List<SSLSocket> idle = new ArrayList<>();
    int refusedAtAccept = 0;
    try {
      for (int i = 0; i < 1000; i++) {
        SSLSocket s = (SSLSocket) server.clientTls().getSocketFactory().createSocket("127.0.0.1", server.kmipPort());
        s.setSoTimeout(10_000);
        idle.add(s);
        try {
          s.startHandshake();
        } catch (IOException e) {
          refusedAtAccept++; // beyond keyfed.kmip.max-connections the server closes at once
        }
      }
      System.out.println("1000 idle connections: " + refusedAtAccept + " closed at accept, threads now " + threads() + ", fds " + fds());
      assertTrue(server.isAlive());
      legitimateClientStillServed();
    } finally {
      for (SSLSocket s : idle) {
        s.close();
      }
    }
    backToBaseline("1000 idle connections");
    legitimateClientStillServed();
  }
}
