package io.keyfed.infrastructure.pki;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * The server's PKI directory ({@code $KEYFED_HOME/pki}): its CA, its TLS certificate and the first
 * user's client certificate, as PEM files.
 *
 * <p>{@link #ensure} generates what is missing, and only that: files an operator supplied are used
 * as they are and never rewritten. Generation needs the CA's key; when an operator brings {@code
 * ca.pem} without {@code ca-key.pem}, {@code server.pem} must be supplied too, and no client
 * certificate is generated (the operator's CA issues those). Keys are written before their
 * certificates, so a crash between the two leaves a key without a certificate, for which the next
 * start issues the certificate.
 *
 * <ul>
 *   <li>{@code ca.pem}: CA certificate(s), trusted for client certificates (mode 644)
 *   <li>{@code ca-key.pem}: the CA's key, kept to issue more client certificates (mode 600)
 *   <li>{@code server.pem}, {@code server-key.pem}: the TLS listener's identity
 *   <li>{@code client.pem}, {@code client-key.pem}: the first user's identity
 * </ul>
 */
public final class ServerPki {

  public static final String CA_CERT = "ca.pem";
  public static final String CA_KEY = "ca-key.pem";
  public static final String SERVER_CERT = "server.pem";
  public static final String SERVER_KEY = "server-key.pem";
  public static final String CLIENT_CERT = "client.pem";
  public static final String CLIENT_KEY = "client-key.pem";

  /** Common name of the first user's certificate. */
  public static final String DEFAULT_CLIENT_NAME = "admin";

  /** KMIP's registered port (IANA, KMIP 1.4 §8). */
  public static final int KMIP_PORT = 5696;

  /** Held while generating, so that two processes sharing the directory do not both generate. */
  private static final String LOCK_FILE = ".generate.lock";

  /** {@link FileLock}s are per process; threads of one JVM are kept apart by this monitor. */
  private static final Object IN_PROCESS_LOCK = new Object();

  private static final Duration EXPIRY_WARNING = Duration.ofDays(30);

  private final Path dir;
  private final String hostname;
  private final List<String> generatedFiles;
  private final List<String> notes;

  private ServerPki(Path dir, String hostname, List<String> generatedFiles, List<String> notes) {
    this.dir = dir;
    this.hostname = hostname;
    this.generatedFiles = List.copyOf(generatedFiles);
    this.notes = List.copyOf(notes);
  }

  /** {@code $KEYFED_HOME/pki}, by default {@code ~/.keyfed/pki}. */
  public static Path defaultDirectory() {
    String home = System.getenv("KEYFED_HOME");
    Path base =
        home == null || home.isBlank()
            ? Paths.get(System.getProperty("user.home"), ".keyfed")
            : Paths.get(home);
    return base.resolve("pki");
  }

  /** This machine's host name, or {@code localhost} when it has none that resolves. */
  public static String defaultHostname() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      return name == null || name.isBlank() ? "localhost" : name;
    } catch (IOException e) {
      return "localhost";
    }
  }

  /**
   * Loads the PKI in {@code pkiDir}, generating what is missing; the client certificate is for
   * {@link #DEFAULT_CLIENT_NAME}.
   *
   * @param hostname the server's name for its certificate (CN and a SAN); {@code null} or blank for
   *     {@link #defaultHostname()}. Used only when the server certificate is generated.
   * @param extraSans further subject alternative names (DNS names or IP addresses, optionally
   *     prefixed {@code DNS:} or {@code IP:}) for a generated server certificate
   */
  public static ServerPki ensure(Path pkiDir, String hostname, List<String> extraSans)
      throws IOException, GeneralSecurityException {
    return ensure(pkiDir, hostname, extraSans, DEFAULT_CLIENT_NAME);
  }

  /**
   * As {@link #ensure(Path, String, List)}, with the common name of the first user's certificate.
   */
  public static ServerPki ensure(
      Path pkiDir, String hostname, List<String> extraSans, String clientName)
      throws IOException, GeneralSecurityException {
    Path dir = pkiDir.toAbsolutePath().normalize();
    String host = hostname == null || hostname.isBlank() ? defaultHostname() : hostname.strip();
    List<String> sans = extraSans == null ? List.of() : List.copyOf(extraSans);
    // Bad names fail here, before any key is generated.
    CertificateAuthority.subjectAlternativeNames(sans);
    CertificateAuthority.commonName(clientName);
    if (!needsGeneration(dir)) {
      // Complete: nothing is written, so a read-only directory (a mounted secret) is fine.
      return load(dir, host, sans, clientName);
    }
    SecureFiles.createPrivateDirectory(dir);
    synchronized (IN_PROCESS_LOCK) {
      try (FileChannel channel =
          FileChannel.open(
              dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock(); // waits while another process generates
        try {
          return load(dir, host, sans, clientName);
        } finally {
          lock.release();
        }
      }
    }
  }

  /**
   * Loads an existing PKI without writing anything (for the command-line tool and for processes
   * that must not generate). {@code ca.pem}, {@code server.pem} and {@code server-key.pem} must
   * exist.
   */
  public static ServerPki open(Path pkiDir) throws IOException, GeneralSecurityException {
    Path dir = pkiDir.toAbsolutePath().normalize();
    for (String required : List.of(CA_CERT, SERVER_CERT, SERVER_KEY)) {
      if (!Files.exists(dir.resolve(required))) {
        throw new NoSuchFileException(
            dir.resolve(required).toString(), null, "missing; run PkiTool init first");
      }
    }
    List<String> notes = new ArrayList<>();
    checkCa(dir, notes);
    checkPair(dir, SERVER_CERT, SERVER_KEY);
    if (Files.exists(dir.resolve(CLIENT_CERT))) {
      checkPair(dir, CLIENT_CERT, CLIENT_KEY);
    }
    inspect(dir, null, notes);
    return new ServerPki(dir, null, List.of(), notes);
  }

  private static boolean needsGeneration(Path dir) {
    return !Files.exists(dir.resolve(CA_CERT))
        || !Files.exists(dir.resolve(SERVER_CERT))
        || (Files.exists(dir.resolve(CA_KEY)) && !Files.exists(dir.resolve(CLIENT_CERT)));
  }

  private static ServerPki load(Path dir, String host, List<String> sans, String clientName)
      throws IOException, GeneralSecurityException {
    // Operator mistakes (a certificate without its key, a wrong key) fail before anything is
    // generated, so that a failed start leaves the directory as it was.
    for (String[] pair :
        List.of(new String[] {SERVER_CERT, SERVER_KEY}, new String[] {CLIENT_CERT, CLIENT_KEY})) {
      if (Files.exists(dir.resolve(pair[0]))) {
        checkPair(dir, pair[0], pair[1]);
      }
    }
    if (Files.exists(dir.resolve(CA_CERT))
        && !Files.exists(dir.resolve(CA_KEY))
        && !Files.exists(dir.resolve(SERVER_CERT))) {
      throw serverCertificateUnissuable(dir);
    }
    List<String> generated = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    CertificateAuthority ca = ensureCa(dir, host, generated, notes);
    ensureLeaf(
        dir, SERVER_CERT, SERVER_KEY, ca, key -> ca.issueServer(host, sans, key), generated, notes);
    ensureLeaf(
        dir, CLIENT_CERT, CLIENT_KEY, ca, key -> ca.issueClient(clientName, key), generated, notes);
    inspect(dir, host, notes);
    return new ServerPki(dir, host, generated, notes);
  }

  /** The CA, or {@code null} when only its certificate is here (an operator-managed CA). */
  private static CertificateAuthority ensureCa(
      Path dir, String host, List<String> generated, List<String> notes)
      throws IOException, GeneralSecurityException {
    Path certFile = dir.resolve(CA_CERT);
    Path keyFile = dir.resolve(CA_KEY);
    if (Files.exists(certFile)) {
      return checkCa(dir, notes);
    }
    if (Files.exists(keyFile)) {
      PrivateKey key = Pem.readPrivateKey(keyFile);
      CertificateAuthority ca =
          CertificateAuthority.create(host, new KeyPair(publicKeyOf(key, CA_KEY), key));
      SecureFiles.writePublic(certFile, Pem.write(ca.certificate()));
      generated.add(CA_CERT);
      notes.add(CA_CERT + " was missing and has been created for the existing " + CA_KEY + ".");
      return ca;
    }
    KeyPair keys = Crypto.newRsaKeyPair();
    CertificateAuthority ca = CertificateAuthority.create(host, keys);
    SecureFiles.writeSecret(keyFile, Pem.write(keys.getPrivate()));
    generated.add(CA_KEY);
    SecureFiles.writePublic(certFile, Pem.write(ca.certificate()));
    generated.add(CA_CERT);
    return ca;
  }

  /** Checks ca.pem against ca-key.pem; the CA, or {@code null} without ca-key.pem. */
  private static CertificateAuthority checkCa(Path dir, List<String> notes)
      throws IOException, GeneralSecurityException {
    List<X509Certificate> anchors = Pem.readCertificates(dir.resolve(CA_CERT));
    if (!Files.exists(dir.resolve(CA_KEY))) {
      notes.add(
          "ca-key.pem is absent: this server cannot issue certificates; the CA of ca.pem does.");
      return null;
    }
    PrivateKey key = Pem.readPrivateKey(dir.resolve(CA_KEY));
    for (X509Certificate anchor : anchors) {
      if (Crypto.matches(key, anchor.getPublicKey())) {
        if (anchor.getBasicConstraints() < 0) {
          throw new GeneralSecurityException(
              dir.resolve(CA_CERT) + ": the certificate for ca-key.pem is not a CA (no CA:true)");
        }
        return new CertificateAuthority(anchor, key);
      }
    }
    throw new GeneralSecurityException(
        dir.resolve(CA_KEY) + " matches no certificate in " + dir.resolve(CA_CERT));
  }

  private interface Issuer {
    X509Certificate issue(PublicKey subjectKey) throws GeneralSecurityException;
  }

  private static void ensureLeaf(
      Path dir,
      String certName,
      String keyName,
      CertificateAuthority ca,
      Issuer issuer,
      List<String> generated,
      List<String> notes)
      throws IOException, GeneralSecurityException {
    Path certFile = dir.resolve(certName);
    Path keyFile = dir.resolve(keyName);
    if (Files.exists(certFile)) {
      checkPair(dir, certName, keyName);
      return;
    }
    if (ca == null) {
      if (SERVER_CERT.equals(certName)) {
        throw serverCertificateUnissuable(dir);
      }
      notes.add(
          certName
              + " was not generated because ca-key.pem is absent;"
              + " issue client certificates with the CA of ca.pem.");
      return;
    }
    KeyPair keys;
    if (Files.exists(keyFile)) {
      PrivateKey key = Pem.readPrivateKey(keyFile);
      keys = new KeyPair(publicKeyOf(key, keyName), key);
      notes.add(certName + " was missing and has been issued for the existing " + keyName + ".");
    } else {
      keys = Crypto.newRsaKeyPair();
      SecureFiles.writeSecret(keyFile, Pem.write(keys.getPrivate()));
      generated.add(keyName);
    }
    SecureFiles.writePublic(certFile, Pem.write(issuer.issue(keys.getPublic())));
    generated.add(certName);
  }

  private static GeneralSecurityException serverCertificateUnissuable(Path dir) {
    return new GeneralSecurityException(
        dir.resolve(SERVER_CERT)
            + " is missing and cannot be issued without ca-key.pem:"
            + " supply server.pem and server-key.pem, or ca-key.pem");
  }

  /** A certificate file needs its key file, and the two must belong together. */
  private static void checkPair(Path dir, String certName, String keyName)
      throws IOException, GeneralSecurityException {
    Path keyFile = dir.resolve(keyName);
    if (!Files.exists(keyFile)) {
      throw new GeneralSecurityException(
          dir.resolve(certName) + " exists but " + keyFile + " does not: supply both or neither");
    }
    X509Certificate leaf = Pem.readCertificates(dir.resolve(certName)).get(0);
    if (!Crypto.matches(Pem.readPrivateKey(keyFile), leaf.getPublicKey())) {
      throw new GeneralSecurityException(
          keyFile + " does not belong to the (first) certificate in " + dir.resolve(certName));
    }
  }

  /** The public half of a private key we generated (RSA CRT keys carry it). */
  private static PublicKey publicKeyOf(PrivateKey key, String keyName)
      throws GeneralSecurityException {
    if (key instanceof RSAPrivateCrtKey rsa) {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    }
    throw new GeneralSecurityException(
        String.format(
            "cannot derive the public key of %s (%s); supply its certificate too",
            keyName, key.getAlgorithm()));
  }

  /** Findings worth an operator's attention; none of them stops the server. */
  private static void inspect(Path dir, String host, List<String> notes) {
    try {
      List<X509Certificate> anchors = Pem.readCertificates(dir.resolve(CA_CERT));
      List<X509Certificate> server = Pem.readCertificates(dir.resolve(SERVER_CERT));
      if (chainTo(server, anchors) == null) {
        notes.add(
            "server.pem is not issued by a certificate in ca.pem:"
                + " clients must trust its issuer instead of ca.pem.");
      }
      X509Certificate leaf = server.get(0);
      if (host != null && !names(leaf).contains(host.toLowerCase(Locale.ROOT))) {
        notes.add(
            String.format(
                "server.pem does not name %s (it names %s): clients that check host names must"
                    + " connect by one of those.",
                host, String.join(", ", names(leaf))));
      }
      List<String> usages = leaf.getExtendedKeyUsage();
      if (usages != null && !usages.contains("1.3.6.1.5.5.7.3.1")) {
        notes.add("server.pem lacks extended key usage serverAuth; TLS clients will refuse it.");
      }
      for (X509Certificate anchor : anchors) {
        expiry(CA_CERT, anchor, notes);
      }
      expiry(SERVER_CERT, leaf, notes);
      if (Files.exists(dir.resolve(CLIENT_CERT))) {
        List<X509Certificate> client = Pem.readCertificates(dir.resolve(CLIENT_CERT));
        if (chainTo(client, anchors) == null) {
          notes.add("client.pem is not issued by a certificate in ca.pem: this server refuses it.");
        }
        expiry(CLIENT_CERT, client.get(0), notes);
      }
    } catch (IOException | CertificateParsingException e) {
      notes.add("could not inspect the certificates: " + e.getMessage());
    }
    for (String keyName : List.of(CA_KEY, SERVER_KEY, CLIENT_KEY)) {
      Path keyFile = dir.resolve(keyName);
      if (Files.exists(keyFile) && SecureFiles.readableByOthers(keyFile)) {
        notes.add(keyName + " is readable by other users: chmod 600 " + keyFile);
      }
    }
  }

  private static void expiry(String file, X509Certificate certificate, List<String> notes) {
    Instant notAfter = certificate.getNotAfter().toInstant();
    String subject = certificate.getSubjectX500Principal().getName();
    if (notAfter.isBefore(Instant.now())) {
      notes.add(file + " (" + subject + ") EXPIRED on " + day(notAfter) + renewal(file));
    } else if (notAfter.isBefore(Instant.now().plus(EXPIRY_WARNING))) {
      notes.add(file + " (" + subject + ") expires on " + day(notAfter) + renewal(file));
    }
  }

  private static String renewal(String file) {
    return CA_CERT.equals(file)
        ? "."
        : "; to renew, delete it (its key may stay) and restart the server or run PkiTool init.";
  }

  private static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /** DNS names and IP addresses in the subject alternative names, lower case. */
  private static List<String> names(X509Certificate certificate)
      throws CertificateParsingException {
    List<String> names = new ArrayList<>();
    Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
    if (sans != null) {
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        if (type == GeneralName.dNSName || type == GeneralName.iPAddress) {
          names.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }

  /**
   * The chain from {@code certificates} (leaf first) up through the issuers found in {@code
   * anchors}, or {@code null} if the leaf does not lead to any of them.
   */
  private static List<X509Certificate> chainTo(
      List<X509Certificate> certificates, List<X509Certificate> anchors) {
    List<X509Certificate> chain = new ArrayList<>(certificates);
    for (int depth = 0; depth < 8; depth++) {
      if (chain.stream().anyMatch(anchors::contains)) {
        return chain;
      }
      X509Certificate last = chain.get(chain.size() - 1);
      X509Certificate issuer = issuerOf(last, anchors);
      if (issuer == null) {
        return null;
      }
      chain.add(issuer);
    }
    return null;
  }

  private static X509Certificate issuerOf(
      X509Certificate certificate, List<X509Certificate> candidates) {
    for (X509Certificate candidate : candidates) {
      if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
        try {
          certificate.verify(candidate.getPublicKey());
          return candidate;
        } catch (GeneralSecurityException e) {
          // same name, other key: keep looking
        }
      }
    }
    return null;
  }

  public Path dir() {
    return dir;
  }

  public Path caCert() {
    return dir.resolve(CA_CERT);
  }

  public Path caKey() {
    return dir.resolve(CA_KEY);
  }

  public Path serverCert() {
    return dir.resolve(SERVER_CERT);
  }

  public Path serverKey() {
    return dir.resolve(SERVER_KEY);
  }

  public Path clientCert() {
    return dir.resolve(CLIENT_CERT);
  }

  public Path clientKey() {
    return dir.resolve(CLIENT_KEY);
  }

  /** Whether this call created any file. */
  public boolean generated() {
    return !generatedFiles.isEmpty();
  }

  /** The names of the files this call created, in the order they were written. */
  public List<String> generatedFiles() {
    return generatedFiles;
  }

  /** Findings for the operator: files not generated and why, expiry, loose permissions. */
  public List<String> notes() {
    return notes;
  }

  /**
   * Whether {@code ca-key.pem} is here, so that {@link #issueClient} and {@link #issueServer} work.
   */
  public boolean canIssue() {
    return Files.exists(caKey());
  }

  /** The certificates of {@code ca.pem}, read now. */
  public List<X509Certificate> caCertificates() throws IOException {
    return Pem.readCertificates(caCert());
  }

  /**
   * The certificates the server presents: those of {@code server.pem}, followed by their issuers
   * from {@code ca.pem} when {@code server.pem} holds the leaf alone.
   */
  public List<X509Certificate> serverChain() throws IOException {
    List<X509Certificate> certificates = Pem.readCertificates(serverCert());
    List<X509Certificate> chain = chainTo(certificates, caCertificates());
    return chain == null ? certificates : chain;
  }

  /**
   * The KMIP listener's context: presents {@link #serverChain()} with {@code server-key.pem};
   * trusts client certificates issued by any certificate in {@code ca.pem} or in {@code
   * extraTrustedCas} (federation peers' CAs). Files are read at each call, so a new context picks
   * up replaced files. Require client certificates with {@link TlsContexts#serverParameters}.
   */
  public SSLContext serverContext(Collection<X509Certificate> extraTrustedCas)
      throws GeneralSecurityException, IOException {
    List<X509Certificate> trusted = new ArrayList<>(caCertificates());
    if (extraTrustedCas != null) {
      trusted.addAll(extraTrustedCas);
    }
    return TlsContexts.server(serverChain(), Pem.readPrivateKey(serverKey()), trusted);
  }

  /** PKCS#12 with the server's key and chain, for an application server's HTTPS listener. */
  public KeyStore serverKeyStore(String alias, char[] password)
      throws IOException, GeneralSecurityException {
    return TlsContexts.toPkcs12(serverChain(), Pem.readPrivateKey(serverKey()), alias, password);
  }

  /** PKCS#12 with the certificates of {@code ca.pem} as trusted entries. */
  public KeyStore trustStore() throws IOException, GeneralSecurityException {
    return TlsContexts.trustStore(caCertificates());
  }

  /**
   * A new client certificate and key signed by the CA, returned and not written anywhere.
   *
   * @throws IllegalStateException when {@code ca-key.pem} is absent
   */
  public IssuedCertificate issueClient(String commonName)
      throws IOException, GeneralSecurityException {
    return issueClient(commonName, Crypto.newRsaKeyPair());
  }

  /**
   * A new client certificate for a key pair the caller has (a test that needs hundreds of client
   * identities generates one key, not hundreds).
   */
  public IssuedCertificate issueClient(String commonName, KeyPair keys)
      throws IOException, GeneralSecurityException {
    return issued(authority().issueClient(commonName, keys.getPublic()), keys);
  }

  /**
   * A new server certificate and key signed by the CA (for federation peers and tests), with the
   * same profile as {@code server.pem}: SANs localhost, 127.0.0.1, the host name and {@code sans}.
   *
   * @throws IllegalStateException when {@code ca-key.pem} is absent
   */
  public IssuedCertificate issueServer(String hostname, List<String> sans)
      throws IOException, GeneralSecurityException {
    if (hostname == null || hostname.isBlank()) {
      throw new IllegalArgumentException("host name must not be blank");
    }
    CertificateAuthority ca = authority();
    KeyPair keys = Crypto.newRsaKeyPair();
    return issued(ca.issueServer(hostname.strip(), sans, keys.getPublic()), keys);
  }

  /**
   * A certificate signed by the CA for a key and subject a KMIP client gave (Certify,
   * Re-certify); nothing is written.
   *
   * @param subject DER X.500 Name
   * @param subjectPublicKeyInfo DER SubjectPublicKeyInfo
   * @throws IllegalStateException when {@code ca-key.pem} is absent
   */
  public X509Certificate certify(byte[] subject, byte[] subjectPublicKeyInfo, Instant notBefore, Instant notAfter)
      throws IOException, GeneralSecurityException {
    return authority().issueFor(subject, subjectPublicKeyInfo, java.util.Date.from(notBefore),
        java.util.Date.from(notAfter));
  }

  private CertificateAuthority authority() throws IOException, GeneralSecurityException {
    if (!canIssue()) {
      throw new IllegalStateException(
          "cannot issue certificates: " + caKey() + " is absent (the CA is managed elsewhere)");
    }
    CertificateAuthority ca = checkCa(dir, new ArrayList<>());
    if (ca == null) {
      throw new IllegalStateException("cannot issue certificates: " + caKey() + " is absent");
    }
    return ca;
  }

  private static IssuedCertificate issued(X509Certificate certificate, KeyPair keys) {
    return new IssuedCertificate(Pem.write(certificate), Pem.write(keys.getPrivate()), certificate);
  }

  /**
   * What is where, what this call generated, what needs attention, and how a client connects; meant
   * for the server log and the command line.
   */
  public String describe() {
    StringBuilder text = new StringBuilder();
    text.append("Keyfed PKI in ").append(dir);
    if (generated()) {
      text.append(" (generated now: ").append(String.join(", ", generatedFiles)).append(')');
    }
    text.append('\n');
    file(text, CA_CERT, "CA certificate");
    file(text, CA_KEY, "CA private key");
    file(text, SERVER_CERT, "server certificate");
    file(text, SERVER_KEY, "server private key");
    file(text, CLIENT_CERT, "client certificate");
    file(text, CLIENT_KEY, "client private key");
    if (!notes.isEmpty()) {
      text.append("Notes:\n");
      notes.forEach(note -> text.append("  - ").append(note).append('\n'));
    }
    String host = hostname != null ? hostname : firstName();
    String cert = Files.exists(clientCert()) ? clientCert().toString() : "<your-client.pem>";
    String key = Files.exists(clientKey()) ? clientKey().toString() : "<your-client-key.pem>";
    text.append("Connect a KMIP client (e.g. PyKMIP's pykmip.conf, [client] section):\n")
        .append("  host=")
        .append(host)
        .append('\n')
        .append("  port=")
        .append(KMIP_PORT)
        .append("   (or the listener's configured port)\n")
        .append("  certfile=")
        .append(cert)
        .append('\n')
        .append("  keyfile=")
        .append(key)
        .append('\n')
        .append("  ca_certs=")
        .append(caCert())
        .append('\n')
        .append("  cert_reqs=CERT_REQUIRED\n")
        .append("Check the listener by hand:\n")
        .append("  openssl s_client -connect ")
        .append(host)
        .append(':')
        .append(KMIP_PORT)
        .append(" -cert ")
        .append(cert)
        .append(" -key ")
        .append(key)
        .append(" -CAfile ")
        .append(caCert())
        .append('\n');
    if (canIssue()) {
      text.append("Issue a certificate for another user:\n")
          .append("  java -cp 'keyfed-ejb.jar:lib/*' io.keyfed.infrastructure.pki.PkiTool")
          .append(" issue-client ")
          .append(dir)
          .append(" NAME NAME.pem NAME-key.pem\n");
    }
    return text.toString();
  }

  private void file(StringBuilder text, String name, String what) {
    Path path = dir.resolve(name);
    text.append(String.format(Locale.ROOT, "  %-15s %-19s ", name, what));
    if (!Files.exists(path)) {
      text.append("absent\n");
      return;
    }
    if (name.endsWith("-key.pem")) {
      text.append(SecureFiles.readableByOthers(path) ? "readable by others!" : "owner only");
    } else {
      try {
        List<X509Certificate> certificates = Pem.readCertificates(path);
        X509Certificate first = certificates.get(0);
        text.append(first.getSubjectX500Principal().getName());
        List<String> names = names(first);
        if (!names.isEmpty()) {
          text.append("; SAN ").append(String.join(", ", names));
        }
        text.append("; until ").append(day(first.getNotAfter().toInstant()));
        if (certificates.size() > 1) {
          text.append(" (+").append(certificates.size() - 1).append(" more)");
        }
      } catch (IOException | CertificateParsingException e) {
        text.append("unreadable: ").append(e.getMessage());
      }
    }
    if (generatedFiles.contains(name)) {
      text.append("  [generated]");
    }
    text.append('\n');
  }

  /** A name of the server certificate, for the hint when this instance was only opened. */
  private String firstName() {
    try {
      List<String> names = names(Pem.readCertificates(serverCert()).get(0));
      return names.stream()
          .filter(n -> !n.equals("localhost") && !n.equals("127.0.0.1"))
          .findFirst()
          .orElse("localhost");
    } catch (IOException | CertificateParsingException e) {
      return "localhost";
    }
  }

  @Override
  public String toString() {
    return "ServerPki[" + dir + "]";
  }
}
