package io.keyfed.infrastructure.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiToolTest {

  @TempDir Path temp;

  /** Exit status and the two output streams of one run. */
  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        PkiTool.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void initGeneratesAndDescribes() throws Exception {
    Path dir = temp.resolve("home/pki");
    Run first =
        run(
            "init",
            dir.toString(),
            "--host",
            "kms.example",
            "--san",
            "10.1.1.1",
            "--client",
            "ops");
    assertEquals(0, first.status(), first.err());
    assertTrue(first.out().contains("generated now"), first.out());
    assertTrue(first.out().contains("certfile=" + dir.resolve("client.pem")), first.out());
    X509Certificate server = Pem.readCertificates(dir.resolve("server.pem")).get(0);
    assertEquals("CN=kms.example", server.getSubjectX500Principal().getName());
    assertEquals(
        "CN=ops",
        Pem.readCertificates(dir.resolve("client.pem")).get(0).getSubjectX500Principal().getName());

    Run second = run("init", dir.toString());
    assertEquals(0, second.status(), second.err());
    assertFalse(second.out().contains("generated now"), second.out());
  }

  @Test
  void issueClientWritesAndRefusesToOverwrite() throws Exception {
    String pki = SharedPki.primary().dir().toString();
    Path cert = temp.resolve("carol.pem");
    Path key = temp.resolve("carol-key.pem");

    Run issued = run("issue-client", pki, "carol", cert.toString(), key.toString());
    assertEquals(0, issued.status(), issued.err());
    assertEquals("CN=carol", Pem.readCertificates(cert).get(0).getSubjectX500Principal().getName());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    ServerPkiTest.validate(Pem.readCertificates(cert).get(0), SharedPki.primary().caCert());

    byte[] before = Files.readAllBytes(cert);
    Run again = run("issue-client", pki, "carol", cert.toString(), key.toString());
    assertEquals(1, again.status());
    assertOneLine(again.err(), "--force");
    assertEquals(List.of(before.length), List.of(Files.readAllBytes(cert).length));

    Run forced = run("issue-client", pki, "carol", cert.toString(), key.toString(), "--force");
    assertEquals(0, forced.status(), forced.err());
  }

  @Test
  void issueServerTakesSans() throws Exception {
    Path cert = temp.resolve("peer.pem");
    Path key = temp.resolve("peer-key.pem");
    Run run =
        run(
            "issue-server",
            SharedPki.primary().dir().toString(),
            "peer.example",
            cert.toString(),
            key.toString(),
            "--san",
            "198.51.100.7");
    assertEquals(0, run.status(), run.err());
    X509Certificate peer = Pem.readCertificates(cert).get(0);
    assertTrue(ServerPkiTest.sans(peer).containsKey("198.51.100.7"));
    assertTrue(ServerPkiTest.sans(peer).containsKey("peer.example"));
  }

  @Test
  void keystoreAndTruststoreArePkcs12() throws Exception {
    ServerPki pki = SharedPki.primary();
    Path keystore = temp.resolve("keystore.p12");
    Path truststore = temp.resolve("cacerts.p12");

    Run keys =
        run("keystore", pki.dir().toString(), keystore.toString(), "changeit", "--alias", "s1as");
    assertEquals(0, keys.status(), keys.err());
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
    KeyStore loadedKeys = load(keystore, "changeit");
    assertTrue(loadedKeys.isKeyEntry("s1as"));
    assertEquals(2, loadedKeys.getCertificateChain("s1as").length);

    Run trust = run("truststore", pki.dir().toString(), truststore.toString(), "changeit");
    assertEquals(0, trust.status(), trust.err());
    KeyStore loadedTrust = load(truststore, "changeit");
    assertTrue(loadedTrust.isCertificateEntry("ca-0"));
    assertEquals(Pem.readCertificates(pki.caCert()).get(0), loadedTrust.getCertificate("ca-0"));
  }

  @Test
  void errorsAreOneLineAndStatusOne() {
    assertOneLine(run("frobnicate").err(), "unknown command");
    assertEquals(1, run().status());
    assertEquals(1, run("keystore", temp.toString()).status());
    Run missing = run("keystore", temp.toString(), temp.resolve("x.p12").toString(), "pw");
    assertEquals(1, missing.status());
    assertOneLine(missing.err(), "ca.pem");
    Run badOption = run("truststore", temp.toString(), "x", "pw", "--alias", "a");
    assertOneLine(badOption.err(), "does not take --alias");
    assertEquals(0, run("--help").status());
  }

  private static void assertOneLine(String err, String expected) {
    assertTrue(err.contains(expected), err);
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("keyfed-pki: "), err);
  }

  private static KeyStore load(Path file, String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password.toCharArray());
    }
    return store;
  }
}
