package io.keyfed.bench;

import io.keyfed.infrastructure.pki.ServerPki;
import io.keyfed.infrastructure.pki.TlsContexts;
import io.keyfed.infrastructure.pki.TlsPolicy;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.RequestHeader;
import io.keyfed.kmip.message.RequestMessage;
import io.keyfed.kmip.payload.GetRequest;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.TtlvWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The transport ceiling of a KMIP Get (deploy/bench.sh ceiling): the same TLS set-up as Keyfed's
 * KMIP listener (its PKI directory, client certificate required, TLS 1.3/1.2, Keyfed's cipher
 * suites, one thread per connection, 16 KiB buffered streams), but no KMIP: the server answers
 * each message with fixed bytes. Three modes:
 *
 * <ul>
 *   <li>{@code probe --host H --port P --ca CA --cert CERT --key KEY --out DIR [--kmip-version 1.2]}:
 *       against a real KMIP server, creates an AES-256 key as the load generator does, sends one
 *       Get of it encoded exactly as {@link KmipClient} encodes it, and writes the request and the
 *       server's response to {@code DIR/get-request.bin} and {@code DIR/get-response.bin}; prints
 *       {@code get_request_bytes=<n> get_response_bytes=<m>}.
 *   <li>{@code serve --port P --pki DIR --response FILE}: the echo server; for every message read
 *       (8-byte TTLV header, then the length it gives) it writes the bytes of FILE. Runs until
 *       killed.
 *   <li>{@code load --host H --port P --ca CA --cert CERT --key KEY --clients N --seconds S
 *       --request FILE [--warmup 2]}: N connections in closed loops, each sending FILE and reading
 *       one whole message back; last line {@code ops/s=<n> p50_ms=<x> p99_ms=<y> errors=<n>}.
 * </ul>
 */
public final class TlsEchoCeiling {

  private TlsEchoCeiling() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: TlsEchoCeiling probe|serve|load --name value ...");
      System.exit(2);
    }
    Map<String, String> a;
    try {
      a = options(Arrays.copyOfRange(args, 1, args.length));
    } catch (IllegalArgumentException e) {
      System.err.println("echo: " + e.getMessage());
      System.exit(2);
      return;
    }
    switch (args[0]) {
      case "probe" -> probe(a);
      case "serve" -> serve(a);
      case "load" -> System.exit(load(a) > 0 ? 0 : 1);
      default -> {
        System.err.println("echo: unknown mode " + args[0]);
        System.exit(2);
      }
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      a.put(args[i].substring(2), args[++i]);
    }
    return a;
  }

  private static String need(Map<String, String> a, String name) {
    String v = a.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return v;
  }

  // ---- probe ---------------------------------------------------------------------------------

  static void probe(Map<String, String> a) throws Exception {
    String[] v = a.getOrDefault("kmip-version", "1.2").split("\\.");
    KmipVersion version = KmipVersion.of(Integer.parseInt(v[0]), Integer.parseInt(v[1]));
    SSLContext tls = TlsContexts.client(Path.of(need(a, "cert")), Path.of(need(a, "key")), Path.of(need(a, "ca")));
    Path out = Path.of(need(a, "out"));
    try (KmipClient c = KmipClient.connect(need(a, "host"), Integer.parseInt(need(a, "port")), tls, version)) {
      String uid = LoadGenerator.step(c, LoadGenerator.Step.CREATE, null, version);
      // What KmipClient.call(GET, ...) sends: one batch item in a simple header.
      RequestMessage get = new RequestMessage(RequestHeader.simple(ProtocolVersion.of(version), 1),
          List.of(new RequestBatchItem(Operation.GET.value(), null, new GetRequest(uid, null, null, null, null).encode(), null)));
      byte[] request = TtlvWriter.encode(get.encode());
      byte[] response = c.exchangeRaw(request);
      // It must be a successful Get, not an error of the same shape.
      LoadGenerator.step(c, LoadGenerator.Step.GET, uid, version);
      Files.createDirectories(out);
      Files.write(out.resolve("get-request.bin"), request);
      Files.write(out.resolve("get-response.bin"), response);
      System.out.printf(Locale.ROOT, "get_request_bytes=%d get_response_bytes=%d%n", request.length, response.length);
    }
  }

  // ---- framing -------------------------------------------------------------------------------

  /** The length of a whole TTLV message from its 8-byte header: 8 plus the big-endian length field. */
  static int messageLength(byte[] header) throws IOException {
    if (header.length < 8) {
      throw new IOException("a TTLV header has 8 bytes, got " + header.length);
    }
    long body = ((header[4] & 0xFFL) << 24) | ((header[5] & 0xFFL) << 16) | ((header[6] & 0xFFL) << 8) | (header[7] & 0xFFL);
    if (body > 64L * 1024 * 1024) {
      throw new IOException("message of " + body + " bytes");
    }
    return (int) (8 + body);
  }

  /** Reads one whole message into {@code buf} (grown when needed); its length, or -1 at a clean end. */
  static int readMessage(InputStream in, byte[][] buf) throws IOException {
    byte[] b = buf[0];
    int first = in.read();
    if (first < 0) {
      return -1;
    }
    b[0] = (byte) first;
    readFully(in, b, 1, 7);
    int len = messageLength(b);
    if (len > b.length) {
      b = Arrays.copyOf(b, len);
      buf[0] = b;
    }
    readFully(in, b, 8, len - 8);
    return len;
  }

  private static void readFully(InputStream in, byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = in.read(b, off, len);
      if (n < 0) {
        throw new EOFException("connection closed inside a message");
      }
      off += n;
      len -= n;
    }
  }

  // ---- serve ---------------------------------------------------------------------------------

  static void serve(Map<String, String> a) throws Exception {
    byte[] response = Files.readAllBytes(Path.of(need(a, "response")));
    ServerPki pki = ServerPki.open(Path.of(need(a, "pki")));
    SSLContext tls = pki.serverContext(List.of());
    TlsPolicy policy = TlsPolicy.load(tls, null, null);
    SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
    server.setReuseAddress(true);
    server.setSSLParameters(policy.serverParameters(tls));
    server.setNeedClientAuth(true);
    server.bind(new InetSocketAddress(InetAddress.getByName(a.getOrDefault("bind", "127.0.0.1")),
        Integer.parseInt(need(a, "port"))), 128);
    System.err.println("echo: listening on " + server.getLocalPort() + ", answering " + response.length + " bytes");
    while (true) {
      Socket s = server.accept();
      Thread t = new Thread(() -> echo((SSLSocket) s, response), "echo-" + s.getPort());
      t.setDaemon(true);
      t.start();
    }
  }

  private static void echo(SSLSocket s, byte[] response) {
    try (s) {
      s.setTcpNoDelay(true);
      s.startHandshake();
      s.getSession().getPeerCertificates(); // Keyfed reads the client's certificate too
      InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
      byte[][] buf = {new byte[16 * 1024]};
      while (readMessage(in, buf) >= 0) {
        out.write(response);
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  // ---- load ----------------------------------------------------------------------------------

  /** Runs the closed loops and prints the result; the number of recorded exchanges. */
  static long load(Map<String, String> a) throws Exception {
    String host = need(a, "host");
    int port = Integer.parseInt(need(a, "port"));
    int clients = Integer.parseInt(need(a, "clients"));
    double seconds = Double.parseDouble(need(a, "seconds"));
    double warmup = Double.parseDouble(a.getOrDefault("warmup", "2"));
    byte[] request = Files.readAllBytes(Path.of(need(a, "request")));
    SSLContext tls = TlsContexts.client(Path.of(need(a, "cert")), Path.of(need(a, "key")), Path.of(need(a, "ca")));

    long[] window = new long[2];
    CyclicBarrier ready = new CyclicBarrier(clients, () -> {
      window[0] = System.nanoTime() + (long) (warmup * 1e9);
      window[1] = window[0] + (long) (seconds * 1e9);
    });
    AtomicLong errors = new AtomicLong();
    List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
    List<long[]> perThread = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(clients);
    for (int i = 0; i < clients; i++) {
      Thread t = new Thread(() -> {
        LoadGenerator.LongList lat = new LoadGenerator.LongList();
        SSLSocket s = null;
        try {
          try {
            // As KmipClient connects.
            s = (SSLSocket) tls.getSocketFactory().createSocket();
            s.connect(new InetSocketAddress(host, port), 30_000);
            s.setSoTimeout(30_000);
            s.setTcpNoDelay(true);
            s.startHandshake();
          } finally {
            ready.await();
          }
          InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
          OutputStream out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
          byte[][] buf = {new byte[16 * 1024]};
          long startAt = window[0];
          long stopAt = window[1];
          while (System.nanoTime() < stopAt) {
            long t0 = System.nanoTime();
            out.write(request);
            out.flush();
            if (readMessage(in, buf) < 0) {
              throw new EOFException("server closed the connection");
            }
            long t1 = System.nanoTime();
            if (t0 >= startAt && t1 <= stopAt) {
              lat.add(t1 - t0);
            }
          }
        } catch (Exception e) {
          errors.incrementAndGet();
          samples.add(e.toString());
        } finally {
          if (s != null) {
            try {
              s.close();
            } catch (IOException ignored) {
              // after the run
            }
          }
          perThread.add(lat.toArray());
          done.countDown();
        }
      }, "echo-load-" + i);
      t.start();
    }
    done.await();
    long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf(Locale.ROOT, "echo %s:%d  clients=%d  seconds=%.0f  request=%d bytes%n", host, port, clients, seconds,
        request.length);
    for (String e : samples.subList(0, Math.min(5, samples.size()))) {
      System.out.println("error sample: " + e);
    }
    System.out.printf(Locale.ROOT, "ops/s=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d%n", all.length / seconds,
        LoadGenerator.pct(all, 50), LoadGenerator.pct(all, 99), errors.get());
    return all.length;
  }
}
