package io.keyfed.infrastructure.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerPkiTest {

  static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  static final String BASIC_CONSTRAINTS = "2.5.29.19";
  static final String KEY_USAGE = "2.5.29.15";
  static final String SUBJECT_KEY_ID = "2.5.29.14";
  static final String AUTHORITY_KEY_ID = "2.5.29.35";

  static final List<String> ALL_FILES =
      List.of(
          "ca-key.pem", "ca.pem", "server-key.pem", "server.pem", "client-key.pem", "client.pem");

  @TempDir Path temp;

  @Test
  void ensureOnAnEmptyDirectoryCreatesTheSixFilesWithTheirModes() throws Exception {
    ServerPki pki = SharedPki.primary();
    assertTrue(pki.generated());
    assertEquals(ALL_FILES, pki.generatedFiles());
    for (String name : ALL_FILES) {
      Path file = pki.dir().resolve(name);
      String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
      if (name.endsWith("-key.pem")) {
        assertEquals("rw-------", mode, name);
        assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----\n"), name);
      } else {
        assertEquals("rw-r--r--", mode, name);
        assertTrue(Files.readString(file).startsWith("-----BEGIN CERTIFICATE-----\n"), name);
      }
    }
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.dir())));
    try (Stream<Path> files = Files.list(pki.dir())) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
    }
    assertTrue(pki.describe().contains("generated now"), pki.describe());
  }

  @Test
  void theCaIsACaWithItsOwnKeyIdentifier() throws Exception {
    X509Certificate ca = cert(SharedPki.primary().caCert());
    assertEquals(0, ca.getBasicConstraints()); // CA:true, pathLen 0
    assertTrue(ca.getCriticalExtensionOIDs().containsAll(Set.of(BASIC_CONSTRAINTS, KEY_USAGE)));
    boolean[] usage = ca.getKeyUsage();
    assertTrue(usage[5], "keyCertSign");
    assertTrue(usage[6], "cRLSign");
    assertFalse(usage[0], "digitalSignature");
    assertNotNull(ca.getExtensionValue(SUBJECT_KEY_ID));
    assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
    ca.verify(ca.getPublicKey());
    assertTrue(ca.getSubjectX500Principal().getName().contains("Keyfed CA " + SharedPki.HOST));
    assertProfile(ca, CertificateAuthority.CA_YEARS);
  }

  @Test
  void theServerCertificateNamesTheHostAndServesBothEnds() throws Exception {
    ServerPki pki = SharedPki.primary();
    X509Certificate ca = cert(pki.caCert());
    X509Certificate server = cert(pki.serverCert());
    assertEquals("CN=" + SharedPki.HOST, server.getSubjectX500Principal().getName());
    assertEquals(
        Map.of(
            "localhost",
            2,
            "127.0.0.1",
            7,
            SharedPki.HOST,
            2,
            "10.9.8.7",
            7,
            "alias.test.example",
            2,
            "0:0:0:0:0:0:0:1",
            7),
        sans(server));
    assertEquals(List.of(SERVER_AUTH, CLIENT_AUTH), server.getExtendedKeyUsage());
    assertLeaf(server, ca);
  }

  @Test
  void theClientCertificateIsForClientAuthenticationOnly() throws Exception {
    ServerPki pki = SharedPki.primary();
    X509Certificate client = cert(pki.clientCert());
    assertEquals("CN=" + ServerPki.DEFAULT_CLIENT_NAME, client.getSubjectX500Principal().getName());
    assertEquals(List.of(CLIENT_AUTH), client.getExtendedKeyUsage());
    assertNull(client.getSubjectAlternativeNames());
    assertLeaf(client, cert(pki.caCert()));
  }

  @Test
  void aSecondEnsureGeneratesNothingAndKeepsTheFiles() throws Exception {
    ServerPki first = SharedPki.primary();
    Map<String, byte[]> before = contents(first.dir());
    ServerPki second = ServerPki.ensure(first.dir(), "another-name.example", List.of("10.0.0.1"));
    assertFalse(second.generated());
    assertEquals(List.of(), second.generatedFiles());
    assertContentsEqual(before, contents(first.dir()));
    assertFalse(second.describe().contains("generated"), second.describe());
    // The existing certificate does not name the new host; the operator is told.
    assertTrue(
        second.notes().stream().anyMatch(n -> n.contains("does not name another-name.example")));
  }

  @Test
  void operatorSuppliedFilesAreUsedAsTheyAre() throws Exception {
    ServerPki source = SharedPki.primary();
    IssuedCertificate operatorServer = source.issueServer("operator.example", List.of());
    Path dir = temp.resolve("pki");
    Files.createDirectories(dir);
    Files.copy(source.caCert(), dir.resolve("ca.pem"));
    operatorServer.writeTo(dir.resolve("server.pem"), dir.resolve("server-key.pem"));
    Map<String, byte[]> before = contents(dir);
    var modified = Files.getLastModifiedTime(dir.resolve("server.pem"));

    ServerPki pki = ServerPki.ensure(dir, "operator.example", List.of());

    assertFalse(pki.generated());
    assertContentsEqual(before, contents(dir));
    assertEquals(modified, Files.getLastModifiedTime(dir.resolve("server.pem")));
    assertFalse(Files.exists(pki.clientCert()));
    assertFalse(pki.canIssue());
    assertTrue(
        pki.notes().stream().anyMatch(n -> n.contains("client.pem was not generated")),
        pki.notes()::toString);
    assertTrue(pki.describe().contains("client.pem was not generated"));
    assertThrows(IllegalStateException.class, () -> pki.issueClient("bob"));
    // Its context works like a generated one.
    assertNotNull(pki.serverContext(List.of()));
  }

  @Test
  void anOperatorServerCertificateWithoutACaGetsACaAndAClient() throws Exception {
    IssuedCertificate operatorServer = SharedPki.other().issueServer("operator.example", List.of());
    Path dir = temp.resolve("pki");
    operatorServer.writeTo(dir.resolve("server.pem"), dir.resolve("server-key.pem"));
    Map<String, byte[]> before = contents(dir);

    ServerPki pki = ServerPki.ensure(dir, "operator.example", List.of());

    assertEquals(
        List.of("ca-key.pem", "ca.pem", "client-key.pem", "client.pem"), pki.generatedFiles());
    assertArrayEquals(before.get("server.pem"), Files.readAllBytes(dir.resolve("server.pem")));
    assertArrayEquals(
        before.get("server-key.pem"), Files.readAllBytes(dir.resolve("server-key.pem")));
    assertTrue(
        pki.notes().stream().anyMatch(n -> n.contains("not issued by a certificate in ca.pem")));
    cert(pki.clientCert()).verify(cert(pki.caCert()).getPublicKey());
  }

  @Test
  void aCertificateWithoutItsKeyIsRefusedBeforeAnythingIsGenerated() throws Exception {
    Path dir = temp.resolve("pki");
    Files.createDirectories(dir);
    Files.copy(SharedPki.primary().serverCert(), dir.resolve("server.pem"));
    GeneralSecurityException e =
        assertThrows(GeneralSecurityException.class, () -> ServerPki.ensure(dir, "h", List.of()));
    assertTrue(e.getMessage().contains("server-key.pem does not"), e.getMessage());
    assertEquals(Set.of("server.pem"), contents(dir).keySet());
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() throws Exception {
    Path dir = temp.resolve("pki");
    Files.createDirectories(dir);
    Files.copy(SharedPki.primary().serverCert(), dir.resolve("server.pem"));
    Files.copy(SharedPki.primary().clientKey(), dir.resolve("server-key.pem"));
    GeneralSecurityException e =
        assertThrows(GeneralSecurityException.class, () -> ServerPki.ensure(dir, "h", List.of()));
    assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
  }

  @Test
  void anOperatorCaWithoutKeyAndWithoutServerCertificateIsRefused() throws Exception {
    Path dir = temp.resolve("pki");
    Files.createDirectories(dir);
    Files.copy(SharedPki.primary().caCert(), dir.resolve("ca.pem"));
    GeneralSecurityException e =
        assertThrows(GeneralSecurityException.class, () -> ServerPki.ensure(dir, "h", List.of()));
    assertTrue(e.getMessage().contains("cannot be issued without ca-key.pem"), e.getMessage());
    assertEquals(Set.of("ca.pem"), contents(dir).keySet());
  }

  @Test
  void aKeyLeftWithoutItsCertificateGetsOne() throws Exception {
    // What a crash between writing a key and its certificate leaves behind.
    ServerPki source = SharedPki.primary();
    Path dir = temp.resolve("pki");
    Files.createDirectories(dir);
    for (String name : List.of("ca.pem", "ca-key.pem", "server-key.pem")) {
      Files.copy(source.dir().resolve(name), dir.resolve(name));
    }
    ServerPki pki = ServerPki.ensure(dir, "recovered.example", List.of());
    assertEquals(List.of("server.pem", "client-key.pem", "client.pem"), pki.generatedFiles());
    assertEquals(cert(source.serverCert()).getPublicKey(), cert(pki.serverCert()).getPublicKey());
    assertTrue(
        pki.notes().stream().anyMatch(n -> n.contains("issued for the existing server-key.pem")));
  }

  @Test
  void badNamesFailBeforeAnythingIsWritten() {
    Path dir = temp.resolve("pki");
    assertThrows(
        IllegalArgumentException.class, () -> ServerPki.ensure(dir, "h", List.of("not a name")));
    assertThrows(
        IllegalArgumentException.class, () -> ServerPki.ensure(dir, "h", List.of("IP:300.1.1.1")));
    assertThrows(IllegalArgumentException.class, () -> ServerPki.ensure(dir, "h", List.of(), " "));
    assertFalse(Files.exists(dir));
  }

  @Test
  void issueClientReturnsACertificateThatVerifiesAgainstCaPem() throws Exception {
    ServerPki pki = SharedPki.primary();
    Map<String, byte[]> before = contents(pki.dir());

    IssuedCertificate alice = pki.issueClient("alice");

    assertContentsEqual(before, contents(pki.dir())); // returned, not written
    X509Certificate certificate = alice.certificate();
    assertEquals("CN=alice", certificate.getSubjectX500Principal().getName());
    assertEquals(List.of(CLIENT_AUTH), certificate.getExtendedKeyUsage());
    assertEquals(certificate, Pem.readCertificates(alice.certificatePem()).get(0));
    assertTrue(Crypto.matches(alice.privateKey(), certificate.getPublicKey()));
    assertFalse(alice.toString().contains("PRIVATE"));
    validate(certificate, pki.caCert());
    assertLeaf(certificate, cert(pki.caCert()));
  }

  @Test
  void issueServerReturnsAPeerCertificate() throws Exception {
    ServerPki pki = SharedPki.primary();
    IssuedCertificate peer = pki.issueServer("peer.example", List.of("192.0.2.10"));
    X509Certificate certificate = peer.certificate();
    assertEquals("CN=peer.example", certificate.getSubjectX500Principal().getName());
    assertEquals(
        Map.of("localhost", 2, "127.0.0.1", 7, "peer.example", 2, "192.0.2.10", 7),
        sans(certificate));
    validate(certificate, pki.caCert());

    Path cert = temp.resolve("out/peer.pem");
    Path key = temp.resolve("out/peer-key.pem");
    peer.writeTo(cert, key);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(cert)));
    assertEquals(certificate, cert(cert));
  }

  @Test
  void theServerKeyStoreRoundTripsThroughPkcs12() throws Exception {
    ServerPki pki = SharedPki.primary();
    char[] password = "s3cret".toCharArray();
    for (KeyStore store :
        List.of(
            TlsContexts.toPkcs12(pki.serverCert(), pki.serverKey(), "keyfed", password),
            pki.serverKeyStore("keyfed", password))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      store.store(bytes, password);
      KeyStore loaded = KeyStore.getInstance("PKCS12");
      loaded.load(new ByteArrayInputStream(bytes.toByteArray()), password);
      assertEquals(List.of("keyfed"), java.util.Collections.list(loaded.aliases()));
      PrivateKey key = (PrivateKey) loaded.getKey("keyfed", password);
      assertArrayEquals(Pem.readPrivateKey(pki.serverKey()).getEncoded(), key.getEncoded());
      assertEquals(cert(pki.serverCert()), loaded.getCertificateChain("keyfed")[0]);
    }
    // The server's chain carries the CA, so that clients holding only the CA can build it.
    assertEquals(List.of(cert(pki.serverCert()), cert(pki.caCert())), pki.serverChain());
    assertEquals(2, pki.serverKeyStore("keyfed", password).getCertificateChain("keyfed").length);
  }

  @Test
  void theTrustStoreHoldsTheCaAsTrustedEntries() throws Exception {
    KeyStore store = SharedPki.primary().trustStore();
    assertEquals(1, store.size());
    assertTrue(store.isCertificateEntry("ca-0"));
    assertEquals(cert(SharedPki.primary().caCert()), store.getCertificate("ca-0"));
  }

  @Test
  void openLoadsWithoutWriting() throws Exception {
    ServerPki source = SharedPki.primary();
    Map<String, byte[]> before = contents(source.dir());
    ServerPki opened = ServerPki.open(source.dir());
    assertFalse(opened.generated());
    assertTrue(opened.canIssue());
    assertContentsEqual(before, contents(source.dir()));
    assertTrue(opened.describe().contains("host=" + SharedPki.HOST), opened.describe());
    assertThrows(java.nio.file.NoSuchFileException.class, () -> ServerPki.open(temp));
  }

  // ---------------------------------------------------------------------------------------------

  static X509Certificate cert(Path file) throws Exception {
    return Pem.readCertificates(file).get(0);
  }

  /** What every certificate shares: RSA 3072, SHA-256, a random positive serial, its lifetime. */
  static void assertProfile(X509Certificate certificate, int years) {
    assertEquals(3072, ((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength());
    assertEquals(
        "SHA256withRSA", certificate.getSigAlgName().toUpperCase().replace("WITH", "with"));
    assertEquals(1, certificate.getSerialNumber().signum());
    assertTrue(certificate.getSerialNumber().bitLength() > 100);
    assertTrue(certificate.getSerialNumber().bitLength() <= 128);
    ZonedDateTime from = certificate.getNotBefore().toInstant().atZone(ZoneOffset.UTC);
    ZonedDateTime to = certificate.getNotAfter().toInstant().atZone(ZoneOffset.UTC);
    Duration slack = Duration.between(from.plusYears(years), to).abs();
    assertTrue(slack.compareTo(Duration.ofHours(2)) < 0, "lifetime " + from + " .. " + to);
    assertTrue(certificate.getNotBefore().toInstant().isBefore(java.time.Instant.now()));
  }

  /** A leaf: CA:false, critical key usage, SKI, an AKI equal to the CA's SKI, signed by the CA. */
  static void assertLeaf(X509Certificate leaf, X509Certificate ca) throws Exception {
    assertEquals(-1, leaf.getBasicConstraints());
    assertTrue(leaf.getCriticalExtensionOIDs().containsAll(Set.of(BASIC_CONSTRAINTS, KEY_USAGE)));
    boolean[] usage = leaf.getKeyUsage();
    assertTrue(usage[0], "digitalSignature");
    assertTrue(usage[2], "keyEncipherment");
    assertFalse(usage[5], "keyCertSign");
    assertNotNull(leaf.getExtensionValue(SUBJECT_KEY_ID));
    byte[] authorityKeyId =
        AuthorityKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(leaf.getExtensionValue(AUTHORITY_KEY_ID)).getOctets())
            .getKeyIdentifierObject()
            .getOctets();
    byte[] caKeyId =
        SubjectKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(ca.getExtensionValue(SUBJECT_KEY_ID)).getOctets())
            .getKeyIdentifier();
    assertArrayEquals(caKeyId, authorityKeyId);
    assertEquals(ca.getSubjectX500Principal(), leaf.getIssuerX500Principal());
    leaf.verify(ca.getPublicKey());
    assertProfile(leaf, CertificateAuthority.LEAF_YEARS);
  }

  /** PKIX path validation with the JDK's own validator, anchored at the file's certificates. */
  static void validate(X509Certificate leaf, Path caFile) throws Exception {
    List<TrustAnchor> anchors = new ArrayList<>();
    for (X509Certificate anchor : Pem.readCertificates(caFile)) {
      anchors.add(new TrustAnchor(anchor, null));
    }
    PKIXParameters parameters = new PKIXParameters(new java.util.HashSet<>(anchors));
    parameters.setRevocationEnabled(false);
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    CertPathValidator.getInstance("PKIX")
        .validate(factory.generateCertPath(List.of(leaf)), parameters);
  }

  static Map<String, Integer> sans(X509Certificate certificate) throws Exception {
    Map<String, Integer> names = new LinkedHashMap<>();
    for (List<?> san : certificate.getSubjectAlternativeNames()) {
      names.put((String) san.get(1), (Integer) san.get(0));
    }
    return names;
  }

  static Map<String, byte[]> contents(Path dir) throws Exception {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    if (!Files.isDirectory(dir)) {
      return contents;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        if (!file.getFileName().toString().startsWith(".")) {
          contents.put(file.getFileName().toString(), Files.readAllBytes(file));
        }
      }
    }
    return contents;
  }

  static void assertContentsEqual(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, bytes) -> assertTrue(Arrays.equals(bytes, actual.get(name)), name));
  }
}
