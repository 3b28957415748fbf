package io.keyfed.bench;

import io.keyfed.application.CopyingSealer;
import io.keyfed.application.RequestContext;
import io.keyfed.application.operation.Handlers;
import io.keyfed.infrastructure.crypto.MasterKeySealer;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.GetRequest;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.CryptographicUsageMask;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What sealing key material at rest costs (deploy/bench.sh at-rest): the real Create and Get
 * handlers, in one JVM and one run, once with the master-key sealer (AES-256-GCM, Bouncy Castle,
 * as the server seals) and once with a sealer that only copies the bytes, alternating round by
 * round so that warm-up and machine noise fall on both alike. Objects live in the unit tests'
 * in-memory repository: no database, TLS or EJB container, so the rest of an operation costs far
 * less here than in the server and the percentage printed is an upper bound of the cost seen by
 * a client (compare with {@code deploy/bench.sh ceiling}, where the same operations run through
 * the server).
 *
 * <p>Usage: {@code AtRestCost [--seconds S] [--rounds R]} (per measurement, default 3 s, 5 rounds;
 * the first round is warm-up). Last lines: {@code create_sealed_ops/s=.. create_plain_ops/s=..
 * create_cost_pct=.. seal_us_per_create=..} and the same for get: the microseconds that sealing
 * adds to one operation, which is what to set against a server operation's latency.
 */
public final class AtRestCost {

  private static final KmipVersion V = KmipVersion.V1_4;

  private AtRestCost() {}

  static Ttlv createAes256() {
    return new CreateRequest(ObjectType.SYMMETRIC_KEY, List.of(
        Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
        Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)),
        Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
            CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value())))).encode(V);
  }

  /** Creates for {@code seconds}; returns ops/s. */
  static double creates(Handlers h, double seconds) {
    Ttlv request = createAes256();
    long n = 0;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    while (System.nanoTime() < end) {
      Handlers.Outcome o = h.run(Operation.CREATE, request, Handlers.context(V));
      if (!o.succeeded()) {
        throw new IllegalStateException("Create failed: " + o.reason() + " " + o.message());
      }
      n++;
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }

  /** Gets objects of a pool round-robin for {@code seconds}; returns ops/s. */
  static double gets(Handlers h, List<String> pool, double seconds) {
    List<Ttlv> requests = new ArrayList<>(pool.size());
    for (String uid : pool) {
      requests.add(new GetRequest(uid, null, null, null, null).encode());
    }
    long n = 0;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    while (System.nanoTime() < end) {
      RequestContext ctx = Handlers.context(V);
      Handlers.Outcome o = h.run(Operation.GET, requests.get((int) (n % requests.size())), ctx);
      if (!o.succeeded()) {
        throw new IllegalStateException("Get failed: " + o.reason() + " " + o.message());
      }
      n++;
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }

  static List<String> pool(Handlers h, int size) {
    List<String> uids = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      uids.add(CreateResponse.decode(h.run(Operation.CREATE, createAes256(), Handlers.context(V)).payload()).uniqueIdentifier());
    }
    return uids;
  }

  static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  public static void main(String[] args) {
    double seconds = 3;
    int rounds = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--seconds S --rounds R)");
      }
    }
    byte[] masterKey = new byte[32];
    new SecureRandom().nextBytes(masterKey);
    List<Double> createSealed = new ArrayList<>();
    List<Double> createPlain = new ArrayList<>();
    List<Double> getSealed = new ArrayList<>();
    List<Double> getPlain = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      // Fresh handlers (and repository) per round and mode, so that neither inherits a bigger store.
      for (boolean sealed : new boolean[] {r % 2 == 0, r % 2 != 0}) {
        Handlers h = new Handlers(sealed ? MasterKeySealer.withKey(masterKey) : new CopyingSealer());
        double c = creates(h, seconds);
        double g = gets(h, pool(h, 1000), seconds);
        System.out.printf(Locale.ROOT, "round %d %-6s create %,10.0f ops/s   get %,10.0f ops/s%s%n", r + 1,
            sealed ? "sealed" : "plain", c, g, r == 0 ? "   (warm-up, not counted)" : "");
        if (r > 0) {
          (sealed ? createSealed : createPlain).add(c);
          (sealed ? getSealed : getPlain).add(g);
        }
      }
    }
    if (createSealed.isEmpty()) {
      throw new IllegalArgumentException("--rounds must be at least 2 (the first is warm-up)");
    }
    double cs = median(createSealed);
    double cp = median(createPlain);
    double gs = median(getSealed);
    double gp = median(getPlain);
    // The time sealing adds to one operation: what to set against a server operation's latency.
    System.out.printf(Locale.ROOT, "create_sealed_ops/s=%.0f create_plain_ops/s=%.0f create_cost_pct=%.1f seal_us_per_create=%.1f%n",
        cs, cp, 100 * (1 - cs / cp), 1e6 / cs - 1e6 / cp);
    System.out.printf(Locale.ROOT, "get_sealed_ops/s=%.0f get_plain_ops/s=%.0f get_cost_pct=%.1f unseal_us_per_get=%.1f%n",
        gs, gp, 100 * (1 - gs / gp), 1e6 / gs - 1e6 / gp);
    Arrays.fill(masterKey, (byte) 0);
  }
}
