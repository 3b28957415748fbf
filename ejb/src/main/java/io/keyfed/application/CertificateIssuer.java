package io.keyfed.application;

import java.time.Instant;
import java.util.List;

/**
 * The server's certificate authority as Certify, Re-certify and Validate use it (KMIP 1.4 §4.7,
 * §4.8, §4.24). The implementation signs with the CA of the server's PKI directory.
 */
public interface CertificateIssuer {

  /**
   * A DER X.509 certificate for the key and subject, valid from {@code notBefore} to {@code
   * notAfter} (shortened to the CA's own end).
   *
   * @param subject DER X.500 Name
   * @param subjectPublicKeyInfo DER SubjectPublicKeyInfo
   */
  byte[] issue(byte[] subject, byte[] subjectPublicKeyInfo, Instant notBefore, Instant notAfter);

  /** The DER certificates a chain must lead to for Validate to call it Valid. */
  List<byte[]> trustAnchors();
}
