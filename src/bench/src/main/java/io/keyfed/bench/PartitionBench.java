package io.keyfed.bench;

import io.keyfed.infrastructure.pki.TlsContexts;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.LocateRequest;
import io.keyfed.kmip.payload.LocateResponse;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.spec.Tag;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Partition move rate (use case 4): N keys are created at one server of a federation (in batches
 * of 100 Creates, unmeasured), the other server is registered there as a PARTITION, and a MOVE
 * rule for the keys' Object Group is defined through the admin API; the move is timed from the
 * rule's definition until the new server has applied all of them (counted there by Locate once a
 * second: they are applied from its inbound queue after the old server has delivered them). Last
 * line: {@code moved_objects/s=<x>
 * objects=<n> applied_at_target=<m> seconds=<s> delivered_objects/s=<d>} (d: until the old server's
 * progress said complete).
 */
public final class PartitionBench {

  private PartitionBench() {}

  public static void main(String[] args) throws Exception {
    Path file = null;
    String from = "central";
    String to = "store-17";
    int objects = 100_000;
    int creators = 4;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--federation" -> file = Path.of(args[++i]);
        case "--from" -> from = args[++i];
        case "--to" -> to = args[++i];
        case "--objects" -> objects = Integer.parseInt(args[++i]);
        case "--creators" -> creators = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: partition --federation FILE [--from central] [--to store-17] [--objects 100000] [--creators 4]");
          System.exit(2);
        }
      }
    }
    if (file == null) {
      System.err.println("partition: --federation FILE is required");
      System.exit(2);
    }
    String json = Files.readString(file);
    PropagationBench.Server source = PropagationBench.server(json, from);
    PropagationBench.Server target = PropagationBench.server(json, to);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(TlsContexts.client(source.cert(), source.key(), source.ca())).build();
    String group = "partition-bench-" + Long.toString(System.currentTimeMillis(), 36);

    // The objects, unmeasured.
    long t0 = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    int total = objects;
    ExecutorService pool = Executors.newFixedThreadPool(creators);
    List<Future<?>> work = new ArrayList<>();
    for (int c = 0; c < creators; c++) {
      work.add(pool.submit(() -> {
        try (KmipClient k = PropagationBench.connect(source)) {
          while (true) {
            int first = next.getAndAdd(100);
            if (first >= total) {
              return null;
            }
            List<RequestBatchItem> batch = new ArrayList<>();
            for (int i = first; i < Math.min(total, first + 100); i++) {
              batch.add(new RequestBatchItem(Operation.CREATE.value(), null, create(group, i).encode(k.version()), null));
            }
            for (ResponseBatchItem r : k.sendBatch(batch)) {
              if (!r.succeeded()) {
                throw new IllegalStateException("Create refused: " + r.resultReason() + " " + r.resultMessage());
              }
            }
          }
        }
      }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
    double createSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "created %d objects at %s in %.1f s (%.0f/s, not part of the figure)%n", objects, from,
        createSeconds, objects / createSeconds);

    // The target as a PARTITION of the source, then the rule; timed from here.
    JsonObject peer = Json.createObjectBuilder().add("roles", Json.createArrayBuilder().add("EDGE").add("PARTITION"))
        .add("host", "localhost").add("kmipPort", target.kmipPort())
        .add("certificate", Files.readString(target.home().resolve("pki/server.pem"))).build();
    call(http, source, "PUT", "/federation/servers/" + to, peer.toString(), 200);
    String rule = "bench-" + group;
    long start = System.nanoTime();
    call(http, source, "POST", "/federation/rules", Json.createObjectBuilder().add("name", rule.substring(0, Math.min(64, rule.length())))
        .add("target", to).add("selector", Json.createObjectBuilder().add("objectGroup", group))
        .add("direction", "MOVE").add("form", "PLAIN").build().toString(), 201);
    JsonObject move;
    long lastPrint = 0;
    while (true) {
      move = Json.createReader(new StringReader(call(http, source, "GET", "/federation/rules/" + rule.substring(0, Math.min(64, rule.length())),
          null, 200))).readObject().getJsonObject("move");
      if (move.getBoolean("complete")) {
        break;
      }
      if (System.nanoTime() - lastPrint > 10_000_000_000L) {
        lastPrint = System.nanoTime();
        System.out.printf(Locale.ROOT, "  %.0f s: %s%n", (lastPrint - start) / 1e9, move);
      }
      // A poll interval; the delivered figure is taken from the first poll that sees it complete. Each
      // poll counts two tables at the old server: five a second measurably slowed the move.
      Thread.sleep(1000);
    }
    double delivered = (System.nanoTime() - start) / 1e9;
    int moved = move.getInt("moved");
    System.out.printf(Locale.ROOT, "the old server delivered %d objects in %.1f s (%.1f/s): gone from %s, queued at %s%n",
        moved, delivered, moved / delivered, from, to);
    // Moved means usable at the new server: wait until it has applied every one (its inbound
    // queue), counting them there. (Not the last one sent: the new server applies its lanes in
    // parallel, so the last one sent need not be the last applied.)
    SSLContext tls = TlsContexts.client(target.cert(), target.key(), target.ca());
    int applied;
    double seconds;
    try (KmipClient k = KmipClient.connect("127.0.0.1", target.kmipPort(), tls, KmipVersion.V2_0, 600_000)) {
      List<Attribute> inGroup = List.of(Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, group)));
      int before = -1;
      long unchangedSince = System.nanoTime();
      while (true) {
        applied = LocateResponse.decode(k.call(Operation.LOCATE, new LocateRequest(1, 0, null, null, inGroup).encode(k.version())))
            .locatedItems();
        seconds = (System.nanoTime() - start) / 1e9;
        if (applied >= moved) {
          break;
        }
        if (applied != before) {
          before = applied;
          unchangedSince = System.nanoTime();
        } else if (System.nanoTime() - unchangedSince > 120_000_000_000L) {
          System.out.printf(Locale.ROOT, "the new server has applied %d of %d objects and nothing more for 120 s%n", applied, moved);
          break;
        }
        // A poll interval (each poll counts the group at the new server): the figure is up to 1 s late.
        Thread.sleep(1000);
      }
    }
    System.out.printf(Locale.ROOT, "moved_objects/s=%.1f objects=%d applied_at_target=%d seconds=%.1f delivered_objects/s=%.1f%n",
        applied / seconds, objects, applied, seconds, moved / delivered);
  }

  static CreateRequest create(String group, int i) {
    return new CreateRequest(ObjectType.SYMMETRIC_KEY, List.of(
        Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
        Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)),
        Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 4 | 8)),
        Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, group)),
        Attribute.of(Tag.NAME, Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, group + "-" + i),
            Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING)))));
  }

  static String call(HttpClient http, PropagationBench.Server s, String method, String path, String body, int expected)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.adminUrl() + path)).header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IllegalStateException(method + " " + path + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }
}
