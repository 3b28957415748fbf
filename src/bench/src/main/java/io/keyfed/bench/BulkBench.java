package io.keyfed.bench;

import io.keyfed.infrastructure.pki.TlsContexts;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.payload.RegisterRequest;
import io.keyfed.kmip.payload.RegisterResponse;
import io.keyfed.kmip.payload.UniqueIdentifierRequest;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bulk export and import through the admin API (issue 7): N keys are created at one server
 * (unmeasured), exported there wrapped under a fresh AES key-encryption key, the file downloaded,
 * the same key-encryption key registered at the other server and the file imported there. Both
 * jobs are timed from the request that starts them until their progress says complete; their
 * progress is printed every ten seconds. Then the source, as a peer, enumerates the objects at the
 * target with Locate in pages of 500. Last line: {@code exported_objects/s=<e>
 * imported_objects/s=<i> objects=<n> file_bytes=<b> export_seconds=<s> import_seconds=<t>
 * peer_locate_objects/s=<l> peer_locate_first_page_ms=<f> peer_locate_last_page_ms=<p>}.
 */
public final class BulkBench {

  private BulkBench() {}

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
          System.err.println("usage: bulk --federation FILE [--from central] [--to store-17] [--objects 100000] [--creators 4]");
          System.exit(2);
        }
      }
    }
    if (file == null) {
      System.err.println("bulk: --federation FILE is required");
      System.exit(2);
    }
    String json = Files.readString(file);
    PropagationBench.Server source = PropagationBench.server(json, from);
    PropagationBench.Server target = PropagationBench.server(json, to);
    HttpClient toSource = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(TlsContexts.client(source.cert(), source.key(), source.ca())).build();
    HttpClient toTarget = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(TlsContexts.client(target.cert(), target.key(), target.ca())).build();
    String group = "bulk-bench-" + Long.toString(System.currentTimeMillis(), 36);

    long t0 = System.nanoTime();
    create(source, group, objects, creators);
    double createSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "created %d objects at %s in %.1f s (%.0f/s, not part of the figure)%n", objects, from,
        createSeconds, objects / createSeconds);

    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    String kekAtSource = registerKek(source, kek);
    String kekAtTarget = registerKek(target, kek);

    long start = System.nanoTime();
    JsonObject export = read(PartitionBench.call(toSource, source, "POST", "/bulk/exports",
        Json.createObjectBuilder().add("wrappingKey", kekAtSource).add("objectGroup", group).build().toString(), 202));
    export = await(toSource, source, "/bulk/exports/" + export.getInt("id"), start);
    double exportSeconds = (System.nanoTime() - start) / 1e9;
    if (!"complete".equals(export.getString("state")) || export.getInt("exported") != objects) {
      throw new IllegalStateException("export did not complete whole: " + export);
    }
    HttpResponse<byte[]> download = toSource.send(HttpRequest.newBuilder(URI.create(source.adminUrl() + "/bulk/exports/"
        + export.getInt("id") + "/file")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (download.statusCode() != 200) {
      throw new IllegalStateException("download: HTTP " + download.statusCode());
    }
    byte[] bytes = download.body();
    System.out.printf(Locale.ROOT, "exported %d objects in %.1f s (%.1f/s), %d bytes%n", objects, exportSeconds,
        objects / exportSeconds, bytes.length);

    start = System.nanoTime();
    HttpResponse<String> started = toTarget.send(HttpRequest.newBuilder(URI.create(target.adminUrl()
            + "/bulk/imports?unwrappingKey=" + kekAtTarget)).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    if (started.statusCode() != 202) {
      throw new IllegalStateException("import: HTTP " + started.statusCode() + " " + started.body());
    }
    JsonObject imported = await(toTarget, target, "/bulk/imports/" + read(started.body()).getInt("id"), start);
    double importSeconds = (System.nanoTime() - start) / 1e9;
    if (!"complete".equals(imported.getString("state")) || imported.getInt("imported") != objects) {
      throw new IllegalStateException("import did not complete whole: " + imported);
    }
    System.out.printf(Locale.ROOT, "imported %d objects in %.1f s (%.1f/s, upload included)%n", objects, importSeconds,
        objects / importSeconds);
    double[] locate = peerLocate(toTarget, target, source, group, objects);
    System.out.printf(Locale.ROOT, "exported_objects/s=%.1f imported_objects/s=%.1f objects=%d file_bytes=%d export_seconds=%.1f"
        + " import_seconds=%.1f peer_locate_objects/s=%.1f peer_locate_first_page_ms=%.1f peer_locate_last_page_ms=%.1f%n",
        objects / exportSeconds, objects / importSeconds, objects, bytes.length, exportSeconds, importSeconds, locate[0], locate[1],
        locate[2]);
  }

  /**
   * A peer enumerating the imported objects (issue 7's resumable Locate): the target gets an UPWARD
   * rule to the source for the group (defined after the import, so nothing is sent), and the
   * source, with its server certificate, pages through what that rule selects at the target, 500
   * objects a Locate (Offset Items, Maximum Items), checking Located Items and that every object
   * comes once. Returns objects/s, the first and the last page's milliseconds.
   */
  private static double[] peerLocate(HttpClient toTarget, PropagationBench.Server target, PropagationBench.Server peer,
      String group, int objects) throws Exception {
    String rule = ("up-" + group).substring(0, Math.min(64, ("up-" + group).length()));
    PartitionBench.call(toTarget, target, "POST", "/federation/rules", Json.createObjectBuilder().add("name", rule)
        .add("target", peer.name()).add("selector", Json.createObjectBuilder().add("objectGroup", group))
        .add("direction", "UPWARD").add("form", "PLAIN").build().toString(), 201);
    javax.net.ssl.SSLContext asPeer = TlsContexts.client(peer.home().resolve("pki/server.pem"),
        peer.home().resolve("pki/server-key.pem"), peer.ca());
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<Attribute> inGroup = List.of(Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, group)));
    double first = 0;
    double lastPage = 0;
    long start = System.nanoTime();
    try (KmipClient k = KmipClient.connect("127.0.0.1", target.kmipPort(), asPeer, io.keyfed.kmip.spec.KmipVersion.V1_4, 600_000)) {
      while (true) {
        long t = System.nanoTime();
        io.keyfed.kmip.payload.LocateResponse page = io.keyfed.kmip.payload.LocateResponse.decode(k.call(Operation.LOCATE,
            new io.keyfed.kmip.payload.LocateRequest(500, seen.size(), null, null, inGroup).encode(k.version())));
        lastPage = (System.nanoTime() - t) / 1e6;
        if (seen.isEmpty()) {
          first = lastPage;
        }
        if (page.locatedItems() != null && page.locatedItems() != objects) {
          throw new IllegalStateException("Located Items " + page.locatedItems() + ", not " + objects);
        }
        for (String uid : page.uniqueIdentifiers()) {
          if (!seen.add(uid)) {
            throw new IllegalStateException(uid + " located twice");
          }
        }
        if (page.uniqueIdentifiers().size() < 500) {
          break;
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (seen.size() != objects) {
      throw new IllegalStateException("the peer located " + seen.size() + " of " + objects);
    }
    System.out.printf(Locale.ROOT, "peer Locate: %d objects in pages of 500 in %.1f s (%.1f/s; first page %.1f ms, last %.1f ms)%n",
        objects, seconds, objects / seconds, first, lastPage);
    return new double[] {objects / seconds, first, lastPage};
  }

  private static void create(PropagationBench.Server source, String group, int total, int creators) throws Exception {
    AtomicInteger next = new AtomicInteger();
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
              batch.add(new RequestBatchItem(Operation.CREATE.value(), null, PartitionBench.create(group, i).encode(k.version()), null));
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
  }

  /** The key-encryption key at a server (Wrap Key, Unwrap Key), Active. */
  private static String registerKek(PropagationBench.Server s, byte[] kek) throws Exception {
    try (KmipClient k = PropagationBench.connect(s)) {
      Ttlv key = Ttlv.structure(Tag.SYMMETRIC_KEY, Ttlv.structure(Tag.KEY_BLOCK,
          Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
          Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, kek)),
          Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
          Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)));
      String uid = RegisterResponse.decode(k.call(Operation.REGISTER, new RegisterRequest(ObjectType.SYMMETRIC_KEY,
          List.of(Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x10 | 0x20))), key)
          .encode(k.version()))).uniqueIdentifier();
      k.call(Operation.ACTIVATE, new UniqueIdentifierRequest(uid).encode());
      return uid;
    }
  }

  private static JsonObject await(HttpClient http, PropagationBench.Server s, String path, long start) throws Exception {
    long lastPrint = System.nanoTime();
    while (true) {
      JsonObject job = read(PartitionBench.call(http, s, "GET", path, null, 200));
      if (!"running".equals(job.getString("state"))) {
        return job;
      }
      if (System.nanoTime() - lastPrint > 10_000_000_000L) {
        lastPrint = System.nanoTime();
        System.out.printf(Locale.ROOT, "  %.0f s: %s%n", (lastPrint - start) / 1e9, job);
      }
      Thread.sleep(200); // a poll interval; the figure is taken from the first poll that sees the end
    }
  }

  private static JsonObject read(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }
}
