package io.keyfed.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.e2e.support.KeyfedServer;
import io.keyfed.infrastructure.pki.IssuedCertificate;
import io.keyfed.infrastructure.pki.ServerPki;
import io.keyfed.infrastructure.pki.TlsContexts;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.GetRequest;
import io.keyfed.kmip.payload.GetResponse;
import io.keyfed.kmip.payload.LocateRequest;
import io.keyfed.kmip.payload.LocateResponse;
import io.keyfed.kmip.payload.UniqueIdentifierRequest;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identities, roles and grants against a real server: another identity is denied and Locate shows
 * it nothing until an administrator grants it operations on an owner's objects in a group (only
 * those operations, never a third identity's objects in the same group);
 * Export needs the security-officer role, given through the admin API; identities survive a
 * restart; bad admin requests get 400 or 404 with a problem body.
 */
class AccessControlIT {

  static final KmipVersion V = KmipVersion.V2_0;
  static KeyfedServer server;
  static SSLContext alice;
  static SSLContext bob;
  static SSLContext carol;

  @BeforeAll
  static void start() throws Exception {
    server = KeyfedServer.start("access-control", Map.of());
    ServerPki pki = ServerPki.open(server.home().resolve("pki"));
    alice = client(pki.issueClient("alice"), "alice");
    bob = client(pki.issueClient("bob"), "bob");
    carol = client(pki.issueClient("carol"), "carol");
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  static SSLContext client(IssuedCertificate c, String name) throws Exception {
    Path dir = server.home().resolve("clients");
    Files.createDirectories(dir);
    c.writeTo(dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"));
    return TlsContexts.client(dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"), server.caCert());
  }

  static KmipClient connect(SSLContext tls) throws IOException {
    return KmipClient.connect("127.0.0.1", server.kmipPort(), tls, V);
  }

  static String createInGroup(KmipClient c, String group) throws IOException {
    return CreateResponse.decode(c.call(Operation.CREATE, new CreateRequest(ObjectType.SYMMETRIC_KEY, List.of(
        Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
        Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)),
        Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, group)))).encode(c.version()))).uniqueIdentifier();
  }

  static Ttlv get(String uid) {
    return new GetRequest(uid, null, null, null, null).encode();
  }

  static List<String> locateAll(KmipClient c) throws IOException {
    return LocateResponse.decode(c.call(Operation.LOCATE, new LocateRequest(null, null, null, null, List.of()).encode(V)))
        .uniqueIdentifiers();
  }

  static KmipException denied(KmipClient c, Operation op, Ttlv payload) {
    KmipException e = assertThrows(KmipException.class, () -> c.call(op, payload));
    assertEquals(ResultReason.PERMISSION_DENIED, e.resultReason(), e.getMessage());
    return e;
  }

  // ---- admin API ------------------------------------------------------------------------------

  static URI api(String path) {
    return URI.create("https://localhost:" + server.httpsPort() + "/api/" + path);
  }

  static HttpResponse<String> admin(String method, String path, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(api(path));
    if (json != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HttpClient.newBuilder().sslContext(server.clientTls()).build().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void assertStatus(int status, HttpResponse<String> r) {
    assertEquals(status, r.statusCode(), "body: " + r.body() + "; server log: " + server.log());
  }

  static void assertProblem(int status, HttpResponse<String> r, String mentions) {
    assertStatus(status, r);
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    assertTrue(r.body().contains("\"status\":" + status) && r.body().contains(mentions), r.body());
  }

  // ---- the scenario ---------------------------------------------------------------------------

  @Test
  void grantsAndRolesDecideWhoReachesWhat() throws Exception {
    String k1;
    String k2;
    String carols;
    try (KmipClient c = connect(carol)) {
      carols = createInGroup(c, "g");
    }
    try (KmipClient a = connect(alice)) {
      k1 = createInGroup(a, "g");
      k2 = createInGroup(a, "g");
      assertTrue(locateAll(a).containsAll(List.of(k1, k2)));
    }
    try (KmipClient b = connect(bob)) {
      denied(b, Operation.GET, get(k1));
      List<String> seen = locateAll(b);
      assertFalse(seen.contains(k1) || seen.contains(k2), "Locate reveals nothing of alice's: " + seen);
    }

    // An administrator grants bob Get on the group: Get works, Destroy does not, Locate stays empty.
    HttpResponse<String> grant = admin("POST", "grants",
        "{\"grantee\":\"bob\",\"owner\":\"alice\",\"objectGroup\":\"g\",\"operations\":[\"Get\"]}");
    assertStatus(201, grant);
    assertTrue(grant.body().contains("\"grantedBy\":\"admin\"") && grant.body().contains("\"owner\":\"alice\""), grant.body());
    try (KmipClient b = connect(bob)) {
      assertEquals(k1, GetResponse.decode(b.call(Operation.GET, get(k1))).uniqueIdentifier());
      denied(b, Operation.DESTROY, new UniqueIdentifierRequest(k1).encode());
      // Carol's key in the same group is not alice's to grant.
      denied(b, Operation.GET, get(carols));
      assertFalse(locateAll(b).contains(k1));
    }
    // And Locate too: bob now sees the group's objects (only those).
    String locateGrant = id(admin("POST", "grants",
        "{\"grantee\":\"bob\",\"owner\":\"alice\",\"objectGroup\":\"g\",\"operations\":[\"Locate\"]}"));
    try (KmipClient b = connect(bob)) {
      List<String> seen = locateAll(b);
      assertTrue(seen.containsAll(List.of(k1, k2)), seen.toString());
      assertFalse(seen.contains(carols), "a grant of alice's group shows nothing of carol's: " + seen);
    }
    assertStatus(204, admin("DELETE", "grants/" + locateGrant, null));
    try (KmipClient b = connect(bob)) {
      assertFalse(locateAll(b).contains(k1), "a removed grant no longer shows the group");
    }
    HttpResponse<String> grants = admin("GET", "grants", null);
    assertStatus(200, grants);
    assertTrue(grants.body().contains("\"objectGroup\":\"g\"") && !grants.body().contains("\"id\":" + locateGrant + ","), grants.body());

    // Export needs the security-officer role.
    try (KmipClient a = connect(alice)) {
      KmipException e = denied(a, Operation.EXPORT, get(k1));
      assertTrue(e.getMessage().contains("security-officer"), e.getMessage());
    }
    HttpResponse<String> roles = admin("PUT", "identities/alice/roles", "{\"roles\":[\"security-officer\"]}");
    assertStatus(200, roles);
    assertTrue(roles.body().contains("\"security-officer\""), roles.body());
    try (KmipClient a = connect(alice)) {
      a.call(Operation.EXPORT, get(k1));
    }

    // The identities are persisted: listed after a restart, with their roles.
    HttpResponse<String> before = admin("GET", "identities", null);
    assertStatus(200, before);
    assertTrue(before.body().contains("\"name\":\"alice\"") && before.body().contains("\"name\":\"bob\""), before.body());
    server.close();
    server = server.restart();
    HttpResponse<String> after = admin("GET", "identities/alice", null);
    assertStatus(200, after);
    assertTrue(after.body().contains("\"security-officer\"") && after.body().contains("\"firstSeen\""), after.body());
    HttpResponse<String> list = admin("GET", "identities", null);
    assertTrue(list.body().contains("\"name\":\"bob\""), list.body());
    try (KmipClient a = connect(alice); KmipClient b = connect(bob)) {
      a.call(Operation.EXPORT, get(k2));
      assertEquals(k2, GetResponse.decode(b.call(Operation.GET, get(k2))).uniqueIdentifier());
      denied(b, Operation.EXPORT, get(k2));
    }
  }

  static String id(HttpResponse<String> created) {
    assertStatus(201, created);
    Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(created.body());
    assertTrue(m.find(), created.body());
    return m.group(1);
  }

  @Test
  void badAdminRequestsAreProblems() throws Exception {
    try (KmipClient b = connect(bob)) {
      locateAll(b); // bob is known
    }
    assertProblem(404, admin("GET", "identities/nobody-like-this", null), "nobody-like-this");
    assertProblem(404, admin("PUT", "identities/nobody-like-this/roles", "{\"roles\":[\"auditor\"]}"), "nobody-like-this");
    assertProblem(400, admin("PUT", "identities/bob/roles", "{\"roles\":[\"root\"]}"), "'roles'");
    assertProblem(400, admin("PUT", "identities/bob/roles", "{\"roles\":[\"peer-server\"]}"), "'roles'");
    assertProblem(400, admin("PUT", "identities/bob/roles", "{}"), "'roles'");
    assertProblem(400, admin("POST", "grants", "{\"grantee\":\"bob\",\"operations\":[\"Get\"]}"), "objectGroup");
    assertProblem(400, admin("POST", "grants", "{\"grantee\":\"bob\",\"owner\":\"alice\",\"objectGroup\":\"g\",\"operations\":[\"Fly\"]}"), "'operations'");
    assertProblem(400, admin("POST", "grants", "{\"grantee\":\"bob\",\"objectGroup\":\"g\",\"operations\":[\"Get\"]}"), "'owner'");
    assertProblem(400, admin("POST", "grants", "{\"grantee\":\"bob\",\"owner\":\"bob\",\"objectGroup\":\"g\",\"operations\":[\"Get\"]}"), "'grantee'");
    assertProblem(400, admin("POST", "grants", "{\"objectGroup\":\"g\",\"operations\":[\"Get\"]}"), "'grantee'");
    assertProblem(400, admin("POST", "grants", "{\"grantee\":\"bob\",\"uniqueIdentifier\":\"no-such\",\"operations\":[\"Get\"]}"),
        "'uniqueIdentifier'");
    assertProblem(404, admin("DELETE", "grants/999999", null), "999999");
    assertProblem(404, admin("DELETE", "grants/abc", null), "abc");
    // bob's roles unchanged by the refused requests.
    HttpResponse<String> b = admin("GET", "identities/bob", null);
    assertStatus(200, b);
    assertTrue(b.body().contains("\"roles\":[\"client\"]"), b.body());
  }
}
