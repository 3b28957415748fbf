package io.keyfed.bench;

import io.keyfed.infrastructure.pki.TlsContexts;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.GetAttributesRequest;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Propagation latency across a federation: keys created at a rate at the source server, each
 * timed until the target server has it (its Get Attributes answers). Reads the servers from the
 * {@code federation.json} that {@code deploy/federation.sh up} writes.
 *
 * <p>Latency is from the Create's answer at the source to the first successful Get Attributes at
 * the target. One watcher asks the target for the objects in creation order, polling every
 * {@value #POLL_MILLIS} ms while the oldest one not seen yet is missing, so a figure may be up to
 * that much late, and an object that overtook an older one is timed when the older one lands. Last line: {@code objects=<n> objects/s=<x> p50_ms=<a> p99_ms=<b> max_ms=<c> missing=<m>}.
 */
public final class PropagationBench {

  static final int POLL_MILLIS = 5;

  /** One server of federation.json: its KMIP port, the client credentials it trusts, its admin URL and home. */
  record Server(String name, int kmipPort, Path cert, Path key, Path ca, String adminUrl, Path home) {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(System.getProperty("user.home"), ".keyfed-federation", "federation.json");
    String from = "central";
    String to = "store-17";
    String group = "store-17";
    int objects = 10_000;
    double rate = 100;
    int creators = 8;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--federation" -> file = Path.of(args[++i]);
        case "--from" -> from = args[++i];
        case "--to" -> to = args[++i];
        case "--group" -> group = args[++i];
        case "--objects" -> objects = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Double.parseDouble(args[++i]);
        case "--creators" -> creators = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: propagation [--federation FILE] [--from central] [--to store-17] [--group store-17]"
              + " [--objects 10000] [--rate 100] [--creators 8]");
          System.exit(2);
        }
      }
    }
    String json = Files.readString(file);
    Server source = server(json, from);
    Server target = server(json, to);

    BlockingQueue<long[]> created = new ArrayBlockingQueue<>(objects + 1);
    java.util.concurrent.atomic.AtomicReferenceArray<String> uids = new java.util.concurrent.atomic.AtomicReferenceArray<>(objects);
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger missing = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    // One watcher, in creation order: it asks the target for the oldest object not seen yet and,
    // once that is there, for the next at once. Objects arrive about in creation order, so this
    // finds each soon after it lands, while the target sees one polling request per POLL_MILLIS at
    // most. (Eight watchers each polling its own object loaded the target with over a thousand
    // failing requests a second, each audited — more work than the propagation being measured.)
    Thread watcher = new Thread(() -> {
      try (KmipClient c = connect(target)) {
        while (true) {
          long[] job = created.poll(60, TimeUnit.SECONDS);
          if (job == null || job[0] < 0) {
            return;
          }
          String uid = uids.get((int) job[0]);
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (true) {
            try {
              c.call(Operation.GET_ATTRIBUTES, new GetAttributesRequest(uid, List.of("State")).encode(KmipVersion.V2_0));
              latencies.add(System.nanoTime() - job[1]);
              break;
            } catch (KmipException e) {
              if (e.resultReason() != ResultReason.OBJECT_NOT_FOUND || System.nanoTime() > deadline) {
                missing.incrementAndGet();
                break;
              }
              Thread.sleep(POLL_MILLIS);
            }
          }
        }
      } catch (Exception e) {
        System.err.println("watcher: " + e);
      } finally {
        done.countDown();
      }
    });
    watcher.setDaemon(true);
    watcher.start();

    // Open loop: object i is due at start + i/rate whatever the earlier Creates took, sent by the
    // first of several creator connections free then (one connection, closed loop, could not offer
    // more than 1/Create-latency per second).
    long start = System.nanoTime();
    long intervalNanos = (long) (1e9 / rate);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger createdCount = new AtomicInteger();
    int total = objects;
    String objectGroup = group;
    List<Thread> creatorThreads = new ArrayList<>();
    List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < creators; t++) {
      Thread ct = new Thread(() -> {
        try (KmipClient c = connect(source)) {
          for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
            long wait = start + i * intervalNanos - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
            String uid = CreateResponse.decode(c.call(Operation.CREATE, new CreateRequest(ObjectType.SYMMETRIC_KEY, List.of(
                Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
                Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)),
                Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, objectGroup)))).encode(KmipVersion.V2_0)))
                .uniqueIdentifier();
            long createdAt = System.nanoTime();
            uids.set(i, uid);
            created.put(new long[] {i, createdAt});
            int n = createdCount.incrementAndGet();
            if (n % 1000 == 0) {
              System.out.printf(Locale.ROOT, "%d created, %d arrived%n", n, latencies.size());
            }
          }
        } catch (Exception e) {
          failures.add(e);
        }
      });
      ct.start();
      creatorThreads.add(ct);
    }
    for (Thread ct : creatorThreads) {
      ct.join();
    }
    double createSeconds = (System.nanoTime() - start) / 1e9;
    if (!failures.isEmpty()) {
      System.err.println("creator: " + failures.get(0));
    }
    created.put(new long[] {-1, 0});
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;

    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    double p50 = percentile(sorted, 0.50);
    double p99 = percentile(sorted, 0.99);
    double max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6;
    System.out.printf(Locale.ROOT, "%s -> %s, group %s, offered %.0f/s for %d objects, created %d in %.1f s (%.1f/s)%n",
        from, to, group, rate, objects, createdCount.get(), createSeconds, createdCount.get() / createSeconds);
    System.out.printf(Locale.ROOT, "objects=%d objects/s=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f missing=%d%n",
        sorted.size(), sorted.size() / seconds, p50, p99, max, missing.get());
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
  }

  static KmipClient connect(Server s) throws Exception {
    SSLContext tls = TlsContexts.client(s.cert(), s.key(), s.ca());
    return KmipClient.connect("127.0.0.1", s.kmipPort(), tls, KmipVersion.V2_0);
  }

  /** One server's entry of federation.json (written by deploy/federation.sh; flat, one per line). */
  static Server server(String json, String name) {
    Matcher m = Pattern.compile("\\{\"name\": \"" + Pattern.quote(name) + "\"[^}]*\\}").matcher(json);
    if (!m.find()) {
      throw new IllegalArgumentException("no server " + name + " in federation.json");
    }
    String e = m.group();
    return new Server(name, Integer.parseInt(field(e, "kmipPort")), Path.of(field(e, "clientCert")),
        Path.of(field(e, "clientKey")), Path.of(field(e, "ca")), field(e, "adminUrl"), Path.of(field(e, "home")));
  }

  private static String field(String entry, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": \"?([^\",}]*)\"?").matcher(entry);
    if (!m.find()) {
      throw new IllegalArgumentException("federation.json entry without " + key + ": " + entry);
    }
    return m.group(1);
  }
}
