package io.keyfed.infrastructure.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@link SSLContext}s for mutually authenticated TLS (KMIP 1.4 §8: both ends present certificates)
 * and PKCS#12 key stores, from PEM files or from certificates already in memory.
 *
 * <p>Everything here is the JDK's own SunJSSE: protocol {@code "TLS"} (TLS 1.3 and 1.2 are enabled
 * by default on Java 17), {@code PKIX} key and trust managers. A context only holds the key and the
 * trust anchors; that the server <em>requires</em> a client certificate and that a client checks
 * the server's name are socket settings, see {@link #serverParameters} and {@link
 * #clientParameters}.
 */
public final class TlsContexts {

  /** The protocols Keyfed offers; TLS 1.2 stays for PyKMIP's TLS 1.2 suite and older clients. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** Password of the in-memory key stores behind a context; they never leave the JVM. */
  private static final char[] IN_MEMORY_PASSWORD = "keyfed-in-memory".toCharArray();

  private TlsContexts() {}

  /**
   * A client context: presents {@code certPem} (leaf first, any chain after it) with {@code
   * keyPem}, and trusts every certificate in {@code caPem}. Used by the Java KMIP client, the tests
   * and federation.
   */
  public static SSLContext client(Path certPem, Path keyPem, Path caPem)
      throws IOException, GeneralSecurityException {
    return client(
        Pem.readCertificates(certPem), Pem.readPrivateKey(keyPem), Pem.readCertificates(caPem));
  }

  /** A client context from certificates and a key already in memory. */
  public static SSLContext client(
      List<X509Certificate> chain, PrivateKey key, Collection<X509Certificate> trusted)
      throws GeneralSecurityException {
    return context(chain, key, trusted);
  }

  /**
   * A server context: presents {@code certPem} (leaf first, any chain after it) with {@code
   * keyPem}, and accepts client certificates issued by any of {@code trusted}.
   */
  public static SSLContext server(Path certPem, Path keyPem, Collection<X509Certificate> trusted)
      throws IOException, GeneralSecurityException {
    return server(Pem.readCertificates(certPem), Pem.readPrivateKey(keyPem), trusted);
  }

  /** A server context from certificates and a key already in memory. */
  public static SSLContext server(
      List<X509Certificate> chain, PrivateKey key, Collection<X509Certificate> trusted)
      throws GeneralSecurityException {
    return context(chain, key, trusted);
  }

  /**
   * Settings for a KMIP listener: a client certificate is required (not merely requested), and only
   * {@link #PROTOCOLS}. Apply with {@code serverSocket.setSSLParameters(...)}.
   */
  public static SSLParameters serverParameters(SSLContext context) {
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setProtocols(PROTOCOLS.toArray(new String[0]));
    parameters.setNeedClientAuth(true);
    return parameters;
  }

  /**
   * Settings for a client: {@link #PROTOCOLS}, and the server's certificate must name the host the
   * socket connected to (RFC 2818 rules). Without this, JSSE checks the chain but not the name.
   */
  public static SSLParameters clientParameters(SSLContext context) {
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setProtocols(PROTOCOLS.toArray(new String[0]));
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    return parameters;
  }

  /**
   * A PKCS#12 key store with one private key entry: the key of {@code keyPem} and the chain of
   * {@code certPem}, under {@code alias}, protected by {@code password} (store and key alike, as
   * application servers expect).
   */
  public static KeyStore toPkcs12(Path certPem, Path keyPem, String alias, char[] password)
      throws IOException, GeneralSecurityException {
    return toPkcs12(Pem.readCertificates(certPem), Pem.readPrivateKey(keyPem), alias, password);
  }

  /** A PKCS#12 key store with one private key entry, from memory. */
  public static KeyStore toPkcs12(
      List<X509Certificate> chain, PrivateKey key, String alias, char[] password)
      throws GeneralSecurityException {
    if (chain.isEmpty()) {
      throw new GeneralSecurityException("no certificate for the private key");
    }
    if (!Crypto.matches(key, chain.get(0).getPublicKey())) {
      throw new GeneralSecurityException(
          "private key does not match certificate " + chain.get(0).getSubjectX500Principal());
    }
    KeyStore store = emptyPkcs12();
    store.setKeyEntry(alias, key, password, chain.toArray(new Certificate[0]));
    return store;
  }

  /**
   * A PKCS#12 trust store: each certificate as a trusted certificate entry, aliases {@code ca-0},
   * {@code ca-1}, ...
   */
  public static KeyStore trustStore(Collection<X509Certificate> trusted)
      throws GeneralSecurityException {
    if (trusted.isEmpty()) {
      throw new GeneralSecurityException("no trusted certificate given");
    }
    KeyStore store = emptyPkcs12();
    int index = 0;
    for (X509Certificate certificate : trusted) {
      store.setCertificateEntry("ca-" + index++, certificate);
    }
    return store;
  }

  private static SSLContext context(
      List<X509Certificate> chain, PrivateKey key, Collection<X509Certificate> trusted)
      throws GeneralSecurityException {
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
    keyManagers.init(toPkcs12(chain, key, "key", IN_MEMORY_PASSWORD), IN_MEMORY_PASSWORD);
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
    trustManagers.init(trustStore(trusted));
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), Crypto.RANDOM);
    return context;
  }

  private static KeyStore emptyPkcs12() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot create an empty PKCS#12 store", e);
    }
    return store;
  }
}
