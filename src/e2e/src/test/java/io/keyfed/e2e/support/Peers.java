package io.keyfed.e2e.support;

import io.keyfed.infrastructure.pki.PkiTool;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.GetRequest;
import io.keyfed.kmip.payload.GetResponse;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the federation tests do to their servers: admin API calls, PKI, keys created and read. */
public final class Peers {

  private Peers() {}

  /** A call to a server's admin API with its generated admin certificate. */
  public static HttpResponse<String> api(KeyfedServer s, String method, String path, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + s.httpsPort() + "/api/" + path))
        .header("Content-Type", "application/json");
    b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    return HttpClient.newBuilder().sslContext(s.clientTls()).build().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  /** {@code PkiTool} in this process; fails the test when it fails. */
  public static void pki(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = PkiTool.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    if (rc != 0) {
      throw new AssertionError("PkiTool " + String.join(" ", args) + ": " + err);
    }
  }

  /**
   * One federation CA in {@code dir/ca} and, for each server name, {@code dir/<name>/pki} with the
   * CA certificate, a server certificate named after the server (for localhost) and an admin client
   * certificate — what an operator sets up before starting servers that trust each other.
   */
  public static void federationPki(Path dir, String... servers) throws IOException {
    Path ca = dir.resolve("ca");
    pki("init", ca.toString(), "--client", "admin");
    for (String name : servers) {
      Path p = dir.resolve(name).resolve("pki");
      Files.createDirectories(p);
      Files.copy(ca.resolve("ca.pem"), p.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);
      pki("issue-server", ca.toString(), name, p.resolve("server.pem").toString(), p.resolve("server-key.pem").toString(),
          "--san", "localhost", "--san", "127.0.0.1");
      pki("issue-client", ca.toString(), "admin", p.resolve("client.pem").toString(), p.resolve("client-key.pem").toString());
    }
  }

  /** A condition awaited by {@link #await}. */
  public interface Check {
    boolean holds() throws Exception;
  }

  /** Polls {@code check} every half second until it holds; fails the test after {@code within}. */
  public static void await(String what, Duration within, Check check) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.holds()) {
        return;
      }
      Thread.sleep(500); // a poll interval, not a synchronisation: the loop ends on the condition
    }
    throw new AssertionError(what + ": not within " + within);
  }

  /** An AES-256 key (Encrypt, Decrypt) in an object group, with a Name. */
  public static String createKey(KmipClient c, String group, String name) throws Exception {
    List<Attribute> attributes = List.of(
        Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
        Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)),
        Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 4 | 8)),
        Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, group)),
        Attribute.of(Tag.NAME, Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, name),
            Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING))));
    return CreateResponse.decode(c.call(Operation.CREATE, new CreateRequest(ObjectType.SYMMETRIC_KEY, attributes).encode(c.version())))
        .uniqueIdentifier();
  }

  /** A symmetric key's Key Material, by Get. */
  public static byte[] material(KmipClient c, String uid) throws Exception {
    GetResponse r = GetResponse.decode(c.call(Operation.GET, new GetRequest(uid, null, null, null, null).encode()));
    return r.object().child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL).asBytes();
  }

  /**
   * The key's material once it has arrived: Get is retried every half second while the answer is
   * Object/Item Not Found (the peer's change is still on its way), for at most {@code within}.
   */
  public static byte[] awaitMaterial(KmipClient c, String uid, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      try {
        return material(c, uid);
      } catch (KmipException e) {
        if (!absent(e) || System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(500); // a poll interval, not a synchronisation: the loop ends on the answer
    }
  }

  /**
   * Registers {@code peer} at {@code at} through the admin API with one role, pinned to the peer's
   * server certificate, plus any {@code extra} fields (peering settings); returns the answer (201).
   */
  public static JsonObject register(KeyfedServer at, KeyfedServer peer, String role, Map<String, String> extra) throws Exception {
    JsonObjectBuilder body = Json.createObjectBuilder().add("name", peer.name())
        .add("roles", Json.createArrayBuilder().add(role)).add("host", "localhost").add("kmipPort", peer.kmipPort())
        .add("certificate", Files.readString(peer.home().resolve("pki/server.pem")));
    extra.forEach(body::add);
    HttpResponse<String> r = api(at, "POST", "federation/servers", body.build().toString());
    if (r.statusCode() != 201) {
      throw new AssertionError("registering " + peer.name() + " at " + at.name() + ": " + r.statusCode() + " " + r.body());
    }
    return json(r.body());
  }

  public static JsonObject register(KeyfedServer at, KeyfedServer peer, String role) throws Exception {
    return register(at, peer, role, Map.of());
  }

  /** Object Not Found (2.x) or Item Not Found (1.x): a server's answer for an identifier it does not hold. */
  public static boolean absent(KmipException e) {
    return e.resultReason() == ResultReason.OBJECT_NOT_FOUND || e.resultReason() == ResultReason.ITEM_NOT_FOUND;
  }

  /**
   * Stops every server even when one's close fails (its leak scan); the first failure is thrown
   * afterwards with the others attached.
   */
  public static void closeAll(KeyfedServer... servers) throws Exception {
    Exception first = null;
    for (KeyfedServer s : servers) {
      try {
        if (s != null) {
          s.close();
        }
      } catch (Exception | AssertionError e) {
        Exception wrapped = e instanceof Exception ex ? ex : new Exception(e.getMessage(), e);
        if (first == null) {
          first = wrapped;
        } else {
          first.addSuppressed(wrapped);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Starts servers side by side (a start takes most of a minute); returns them in the order given.
   * If any fails to start, the others are stopped before the first failure is thrown, so that no
   * server outlives a failed setup.
   */
  @SafeVarargs
  public static List<KeyfedServer> startAll(java.util.concurrent.Callable<KeyfedServer>... starts) throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(starts.length);
    try {
      List<java.util.concurrent.Future<KeyfedServer>> pending = new java.util.ArrayList<>();
      for (java.util.concurrent.Callable<KeyfedServer> start : starts) {
        pending.add(pool.submit(start));
      }
      List<KeyfedServer> started = new java.util.ArrayList<>();
      Exception failure = null;
      for (java.util.concurrent.Future<KeyfedServer> f : pending) {
        try {
          started.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          Exception cause = e.getCause() instanceof Exception x ? x : e;
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
        }
      }
      if (failure != null) {
        try {
          closeAll(started.toArray(new KeyfedServer[0]));
        } catch (Exception e) {
          failure.addSuppressed(e);
        }
        throw failure;
      }
      return started;
    } finally {
      pool.shutdown();
    }
  }
}
