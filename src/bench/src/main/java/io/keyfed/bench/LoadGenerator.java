package io.keyfed.bench;

import io.keyfed.infrastructure.pki.TlsContexts;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.GetAttributesRequest;
import io.keyfed.kmip.payload.GetRequest;
import io.keyfed.kmip.payload.LocateRequest;
import io.keyfed.kmip.payload.UniqueIdentifierRequest;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.CryptographicUsageMask;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
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

/**
 * A closed-loop KMIP load generator over mutual TLS that works against any KMIP server: N
 * connections, each in its own thread, repeat the mix of operations (default
 * create,get,destroy: create an AES-256 key, get it, destroy it) until the time is up, after an
 * unrecorded warm-up. Prints throughput and latency percentiles per operation and, as its last
 * line, {@code ops/s=<n> p50_ms=<x> p99_ms=<y> errors=<n>}.
 *
 * <p>A mix without create (e.g. {@code --mix get}) reads existing keys: before the warm-up, each
 * client creates a pool of {@code --pool} keys (default 16, unmeasured), and each round of the mix
 * acts on the next key of its pool. Such a mix may not destroy (the pool would run dry).
 *
 * <p>Usage: {@code LoadGenerator --host H --port P --ca CA --cert CERT --key KEY --clients N
 * --seconds S [--mix create,get,destroy] [--kmip-version 1.2] [--warmup 2] [--pool 16]}
 */
public final class LoadGenerator {

  /** The operations a mix may name; get, get-attributes and destroy act on the last created key. */
  enum Step { CREATE, GET, GET_ATTRIBUTES, LOCATE, DESTROY }

  record Options(String host, int port, Path ca, Path cert, Path key, int clients, double seconds,
      List<Step> mix, KmipVersion version, double warmup, int pool) {

    /** Keys each client creates before the measurement: only for a mix that creates none itself. */
    int poolSize() {
      return mix.contains(Step.CREATE) ? 0 : pool;
    }
  }

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("load: " + e.getMessage());
      System.exit(2);
      return;
    }
    Result r = run(o);
    r.print(o);
    System.exit(r.completed() > 0 ? 0 : 1);
  }

  static Options parse(String[] args) {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      a.put(args[i].substring(2), args[++i]);
    }
    for (String req : List.of("host", "port", "ca", "cert", "key", "clients", "seconds")) {
      if (!a.containsKey(req)) {
        throw new IllegalArgumentException("missing --" + req);
      }
    }
    List<Step> mix = new ArrayList<>();
    for (String s : a.getOrDefault("mix", "create,get,destroy").split(",")) {
      mix.add(Step.valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
    }
    if (!mix.contains(Step.CREATE) && mix.contains(Step.DESTROY)) {
      throw new IllegalArgumentException("a mix without create may not destroy (it works on a pool of keys)");
    }
    int pool = Integer.parseInt(a.getOrDefault("pool", "16"));
    if (pool < 1) {
      throw new IllegalArgumentException("--pool must be at least 1");
    }
    String[] v = a.getOrDefault("kmip-version", "1.2").split("\\.");
    KmipVersion version = KmipVersion.of(Integer.parseInt(v[0]), Integer.parseInt(v[1]));
    if (version == null) {
      throw new IllegalArgumentException("unknown KMIP version " + a.get("kmip-version"));
    }
    return new Options(a.get("host"), Integer.parseInt(a.get("port")), Path.of(a.get("ca")), Path.of(a.get("cert")),
        Path.of(a.get("key")), Integer.parseInt(a.get("clients")), Double.parseDouble(a.get("seconds")), mix, version,
        Double.parseDouble(a.getOrDefault("warmup", "2")), pool);
  }

  record Result(Map<Step, long[]> latencies, long errors, List<String> errorSamples, double seconds) {
    long completed() {
      return latencies.values().stream().mapToLong(x -> x.length).sum();
    }

    void print(Options o) {
      System.out.printf(Locale.ROOT, "target %s:%d  KMIP %d.%d  clients=%d  seconds=%.0f  mix=%s%n", o.host(), o.port(),
          o.version().major(), o.version().minor(), o.clients(), seconds, o.mix());
      System.out.printf(Locale.ROOT, "%-15s %9s %10s %9s %9s %9s%n", "op", "count", "ops/s", "p50 ms", "p99 ms", "max ms");
      List<long[]> all = new ArrayList<>();
      for (Map.Entry<Step, long[]> e : latencies.entrySet()) {
        long[] l = e.getValue();
        all.add(l);
        row(e.getKey().name().toLowerCase(Locale.ROOT).replace('_', '-'), l);
      }
      long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      row("all", merged);
      for (String s : errorSamples) {
        System.out.println("error sample: " + s);
      }
      System.out.printf(Locale.ROOT, "ops/s=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d%n",
          merged.length / seconds, pct(merged, 50), pct(merged, 99), errors);
    }

    private void row(String name, long[] sorted) {
      System.out.printf(Locale.ROOT, "%-15s %9d %10.1f %9.3f %9.3f %9.3f%n", name, sorted.length, sorted.length / seconds,
          pct(sorted, 50), pct(sorted, 99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
    }
  }

  /** Nearest-rank percentile of sorted nanosecond latencies, in milliseconds. */
  static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  static Result run(Options o) throws Exception {
    SSLContext tls = TlsContexts.client(o.cert(), o.key(), o.ca());
    // The clock starts when every client has connected (and created its pool, if any).
    long[] window = new long[2];
    CyclicBarrier ready = new CyclicBarrier(o.clients(), () -> {
      window[0] = System.nanoTime() + (long) (o.warmup() * 1e9);
      window[1] = window[0] + (long) (o.seconds() * 1e9);
    });
    AtomicLong errors = new AtomicLong();
    List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Map<Step, LongList>> perThread = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(o.clients());
    for (int i = 0; i < o.clients(); i++) {
      Thread t = new Thread(() -> {
        Map<Step, LongList> lat = new LinkedHashMap<>();
        for (Step s : o.mix()) {
          lat.putIfAbsent(s, new LongList());
        }
        perThread.add(lat);
        KmipClient c = null;
        try {
          List<String> pool = new ArrayList<>();
          try {
            c = KmipClient.connect(o.host(), o.port(), tls, o.version());
            for (int k = 0; k < o.poolSize(); k++) {
              pool.add(step(c, Step.CREATE, null, o.version()));
            }
          } finally {
            ready.await(); // also after a failure: the other clients must not wait forever
          }
          long startAt = window[0];
          long stopAt = window[1];
          String uid = null;
          int round = 0;
          while (System.nanoTime() < stopAt) {
            if (!pool.isEmpty()) {
              uid = pool.get(round++ % pool.size());
            }
            for (Step s : o.mix()) {
              long t0 = System.nanoTime();
              try {
                uid = step(c, s, uid, o.version());
              } catch (Exception e) {
                if (errors.incrementAndGet() <= 5) {
                  samples.add(s + ": " + e);
                }
                uid = null;
                break;
              }
              long t1 = System.nanoTime();
              if (t0 >= startAt && t1 <= stopAt) {
                lat.get(s).add(t1 - t0);
              }
            }
          }
        } catch (Exception e) {
          errors.incrementAndGet();
          samples.add("connect: " + e);
        } finally {
          if (c != null) {
            try {
              c.close();
            } catch (java.io.IOException ignored) {
              // closing after the run
            }
          }
          done.countDown();
        }
      }, "load-" + i);
      t.start();
    }
    done.await();
    Map<Step, long[]> merged = new LinkedHashMap<>();
    for (Step s : o.mix()) {
      if (merged.containsKey(s)) {
        continue;
      }
      List<long[]> parts = new ArrayList<>();
      for (Map<Step, LongList> m : perThread) {
        parts.add(m.get(s).toArray());
      }
      merged.put(s, parts.stream().flatMapToLong(Arrays::stream).sorted().toArray());
    }
    return new Result(merged, errors.get(), new ArrayList<>(samples), o.seconds());
  }

  static String step(KmipClient c, Step s, String uid, KmipVersion v) throws Exception {
    switch (s) {
      case CREATE -> {
        Ttlv p = c.call(Operation.CREATE, new CreateRequest(ObjectType.SYMMETRIC_KEY, List.of(
            Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
            Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)),
            Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
                CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value())))).encode(v));
        return CreateResponse.decode(p).uniqueIdentifier();
      }
      case GET -> c.call(Operation.GET, new GetRequest(need(uid), null, null, null, null).encode());
      case GET_ATTRIBUTES -> c.call(Operation.GET_ATTRIBUTES, new GetAttributesRequest(need(uid), List.of()).encode(v));
      case LOCATE -> c.call(Operation.LOCATE, new LocateRequest(10, null, null, null, List.of()).encode(v));
      case DESTROY -> {
        c.call(Operation.DESTROY, new UniqueIdentifierRequest(need(uid)).encode());
        return null;
      }
      default -> throw new IllegalStateException();
    }
    return uid;
  }

  private static String need(String uid) {
    if (uid == null) {
      throw new IllegalStateException("the mix needs a create before this step");
    }
    return uid;
  }

  /** A growable array of longs (latencies), to keep boxing out of the measured loop. */
  static final class LongList {
    private long[] a = new long[1024];
    private int n;

    void add(long v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }
}
