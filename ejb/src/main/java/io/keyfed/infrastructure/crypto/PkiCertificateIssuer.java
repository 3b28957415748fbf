package io.keyfed.infrastructure.crypto;

import io.keyfed.application.CertificateIssuer;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.infrastructure.pki.ServerPki;
import io.keyfed.kmip.message.KmipException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link CertificateIssuer} over the server's PKI directory ({@link ServerPki}): certificates are
 * signed by {@code ca-key.pem}; the certificates of {@code ca.pem} are the trust anchors. The
 * directory is opened on first use (the KMIP listener has usually created it by then).
 */
@ApplicationScoped
public class PkiCertificateIssuer implements CertificateIssuer {

  @Inject
  KeyfedConfig config;

  private volatile ServerPki pki;

  public PkiCertificateIssuer() {}

  /** Over a PKI already loaded (plain unit tests). */
  public PkiCertificateIssuer(ServerPki pki) {
    this.pki = pki;
  }

  @Override
  public byte[] issue(byte[] subject, byte[] subjectPublicKeyInfo, Instant notBefore, Instant notAfter) {
    try {
      return pki().certify(subject, subjectPublicKeyInfo, notBefore, notAfter).getEncoded();
    } catch (IllegalStateException e) {
      throw KmipException.featureNotSupported("this server's CA key is managed elsewhere; it cannot certify");
    } catch (GeneralSecurityException e) {
      throw KmipException.invalidField("cannot certify this key: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<byte[]> trustAnchors() {
    try {
      List<byte[]> out = new ArrayList<>();
      for (X509Certificate c : pki().caCertificates()) {
        out.add(c.getEncoded());
      }
      return out;
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ServerPki pki() {
    ServerPki p = pki;
    if (p == null) {
      synchronized (this) {
        if (pki == null) {
          try {
            pki = ServerPki.ensure(config.pkiDir(), config.pkiHostname(), List.of());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the PKI in " + config.pkiDir(), e);
          }
        }
        p = pki;
      }
    }
    return p;
  }
}
