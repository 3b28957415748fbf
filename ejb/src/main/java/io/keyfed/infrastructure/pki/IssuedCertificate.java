package io.keyfed.infrastructure.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate issued by the server's CA together with its newly generated private key, held in
 * memory until the caller decides where they go (a file, a REST response, a test).
 *
 * @param certificatePem the certificate alone as PEM (the CA certificate is in {@code ca.pem})
 * @param privateKeyPem the private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY})
 * @param certificate the certificate, parsed
 */
public record IssuedCertificate(
    String certificatePem, String privateKeyPem, X509Certificate certificate) {

  public IssuedCertificate {
    Objects.requireNonNull(certificatePem, "certificatePem");
    Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    Objects.requireNonNull(certificate, "certificate");
  }

  /**
   * Writes both files atomically: the key first with mode 600, then the certificate with mode 644,
   * so that a certificate on disk always has its key next to it. Existing files are replaced.
   */
  public void writeTo(Path certFile, Path keyFile) throws IOException {
    SecureFiles.writeSecret(keyFile, privateKeyPem);
    SecureFiles.writePublic(certFile, certificatePem);
  }

  /** The private key, parsed from {@link #privateKeyPem()}. */
  public PrivateKey privateKey() throws IOException {
    return Pem.readPrivateKey(privateKeyPem);
  }

  /** Names the certificate only: a record's default text would print the private key into logs. */
  @Override
  public String toString() {
    return "IssuedCertificate[subject="
        + certificate.getSubjectX500Principal().getName()
        + ", serial="
        + certificate.getSerialNumber().toString(16)
        + ", notAfter="
        + certificate.getNotAfter().toInstant()
        + "]";
  }
}
