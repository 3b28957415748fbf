package io.keyfed.infrastructure.pki;

import java.net.IDN;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * A CA certificate with its private key, and the profiles of the certificates it issues (RFC 5280).
 * The extensions are those that OpenSSL's strict verification (the default of Python 3.13's {@code
 * ssl}) and PyKMIP insist on: a critical basicConstraints and a subject key identifier on the CA,
 * an authority key identifier on leaves, and an extended key usage naming what the leaf is for.
 */
final class CertificateAuthority {

  static final int CA_YEARS = 10;
  static final int LEAF_YEARS = 2;

  /** Certificates start an hour in the past so that a peer whose clock is behind accepts them. */
  static final Duration BACKDATE = Duration.ofHours(1);

  /** RFC 5280's upper bound for a common name (ub-common-name). */
  private static final int MAX_COMMON_NAME = 64;

  private final X509Certificate certificate;
  private final PrivateKey key;

  CertificateAuthority(X509Certificate certificate, PrivateKey key) {
    this.certificate = certificate;
    this.key = key;
  }

  X509Certificate certificate() {
    return certificate;
  }

  /**
   * A self-signed CA for one server. The random suffix in its name keeps the CAs of federated
   * servers apart: peers trust each other's CA, and two CAs with one subject name would make a
   * trust store pick the wrong issuer.
   */
  static CertificateAuthority create(String hostname, KeyPair keys)
      throws GeneralSecurityException {
    String suffix = String.format("%08x", Crypto.RANDOM.nextInt());
    String host = hostname.length() > 40 ? hostname.substring(0, 40) : hostname;
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, "Keyfed")
            .addRDN(BCStyle.CN, "Keyfed CA " + host + " " + suffix)
            .build();
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            Crypto.newSerial(),
            Date.from(now.minus(BACKDATE).toInstant()),
            Date.from(now.plusYears(CA_YEARS).toInstant()),
            subject,
            keys.getPublic());
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      // pathLen 0: this CA signs leaves only.
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          utils.createSubjectKeyIdentifier(keys.getPublic()));
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot encode CA extensions", e);
    }
    X509Certificate certificate = sign(builder, keys.getPrivate(), keys.getPublic());
    return new CertificateAuthority(certificate, keys.getPrivate());
  }

  /**
   * A server certificate: CN=hostname; subject alternative names localhost, 127.0.0.1, the hostname
   * and the extras; usable for serverAuth and clientAuth, because federated servers present the
   * same certificate when they connect to each other.
   */
  X509Certificate issueServer(String hostname, List<String> extraSans, PublicKey subjectKey)
      throws GeneralSecurityException {
    List<String> sans = new ArrayList<>();
    sans.add("localhost");
    sans.add("127.0.0.1");
    sans.add(hostname);
    if (extraSans != null) {
      sans.addAll(extraSans);
    }
    // A fully qualified name may exceed the 64 characters a common name allows; the SANs carry
    // it in full, and clients match those, not the CN (RFC 6125 §6.4.4).
    String commonName =
        hostname.strip().length() > MAX_COMMON_NAME ? hostname.strip().split("\\.")[0] : hostname;
    return issueLeaf(
        commonName(commonName),
        subjectKey,
        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth},
        subjectAlternativeNames(sans));
  }

  /** A client certificate: CN=name, clientAuth only (PyKMIP's server refuses others). */
  X509Certificate issueClient(String commonName, PublicKey subjectKey)
      throws GeneralSecurityException {
    return issueLeaf(
        commonName(commonName),
        subjectKey,
        new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth},
        null);
  }

  private X509Certificate issueLeaf(
      String commonName, PublicKey subjectKey, KeyPurposeId[] purposes, GeneralNames sans)
      throws GeneralSecurityException {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    Date notAfter = Date.from(now.plusYears(LEAF_YEARS).toInstant());
    if (notAfter.after(certificate.getNotAfter())) {
      notAfter = certificate.getNotAfter(); // a leaf never outlives its CA
    }
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            Crypto.newSerial(),
            Date.from(now.minus(BACKDATE).toInstant()),
            notAfter,
            subject,
            subjectKey);
    // keyEncipherment is meaningful for RSA only (TLS 1.2 RSA key exchange).
    int usage =
        "RSA".equals(subjectKey.getAlgorithm())
            ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
            : KeyUsage.digitalSignature;
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
      if (sans != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, sans);
      }
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
      builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(utils));
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot encode certificate extensions", e);
    }
    return sign(builder, key, certificate.getPublicKey());
  }

  /**
   * A certificate for a key a KMIP client submitted (Certify, Re-certify): the given subject and
   * period (never beyond the CA's own), not a CA, key usage for signatures (and key encipherment
   * for RSA keys), with key identifiers.
   *
   * @param subject a DER X.500 Name
   * @param subjectPublicKeyInfo a DER SubjectPublicKeyInfo (RSA, EC, Ed25519, ...)
   */
  X509Certificate issueFor(byte[] subject, byte[] subjectPublicKeyInfo, Date notBefore, Date notAfter)
      throws GeneralSecurityException {
    SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(subjectPublicKeyInfo);
    X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    if (notAfter.after(certificate.getNotAfter())) {
      notAfter = certificate.getNotAfter();
    }
    if (!notAfter.after(notBefore)) {
      throw new GeneralSecurityException("the certificate would end before it starts");
    }
    X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
        issuer, Crypto.newSerial(), notBefore, notAfter, X500Name.getInstance(subject), key);
    boolean rsa = PKCSObjectIdentifiers.rsaEncryption.equals(key.getAlgorithm().getAlgorithm());
    int usage = rsa ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature;
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
      builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
      builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(utils));
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot encode certificate extensions", e);
    }
    return sign(builder, this.key, certificate.getPublicKey());
  }

  /** The CA's own subject key identifier, so that the two always match (RFC 5280 §4.2.1.1). */
  private AuthorityKeyIdentifier authorityKeyIdentifier(JcaX509ExtensionUtils utils)
      throws GeneralSecurityException {
    byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    if (extension == null) {
      return utils.createAuthorityKeyIdentifier(certificate.getPublicKey());
    }
    byte[] keyId =
        SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
            .getKeyIdentifier();
    return new AuthorityKeyIdentifier(keyId);
  }

  /** Signs with SHA-256 and checks the result against the issuer's public key. */
  private static X509Certificate sign(
      X509v3CertificateBuilder builder, PrivateKey signingKey, PublicKey issuerKey)
      throws GeneralSecurityException {
    try {
      X509Certificate issued =
          new JcaX509CertificateConverter()
              .setProvider(Crypto.BC)
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder(Crypto.signatureAlgorithm(signingKey))
                          .setProvider(Crypto.BC)
                          .setSecureRandom(Crypto.RANDOM)
                          .build(signingKey)));
      issued.verify(issuerKey);
      return issued;
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign certificate: " + e.getMessage(), e);
    }
  }

  /** A common name within RFC 5280's 64-character bound. */
  static String commonName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("common name must not be blank");
    }
    String trimmed = name.strip();
    if (trimmed.length() > MAX_COMMON_NAME) {
      throw new IllegalArgumentException(
          "common name longer than " + MAX_COMMON_NAME + " characters: " + trimmed);
    }
    return trimmed;
  }

  /**
   * Subject alternative names from strings: an IP literal becomes an iPAddress name, anything else
   * a dNSName (internationalised names in their ASCII form). "DNS:" and "IP:" prefixes, as in
   * OpenSSL's syntax, are accepted. Duplicates are dropped, order kept.
   */
  static GeneralNames subjectAlternativeNames(List<String> names) {
    Map<String, GeneralName> unique = new LinkedHashMap<>();
    for (String raw : names) {
      if (raw == null || raw.isBlank()) {
        continue;
      }
      String name = raw.strip();
      String upper = name.toUpperCase(Locale.ROOT);
      boolean forceDns = upper.startsWith("DNS:");
      boolean forceIp = upper.startsWith("IP:");
      if (forceDns || forceIp) {
        name = name.substring(name.indexOf(':') + 1).strip();
      }
      if (forceIp || (!forceDns && IPAddress.isValid(name))) {
        if (!IPAddress.isValid(name)) {
          throw new IllegalArgumentException("not an IP address: " + raw);
        }
        unique.putIfAbsent(
            "IP:" + name.toLowerCase(Locale.ROOT), new GeneralName(GeneralName.iPAddress, name));
      } else {
        String dns = dnsName(name, raw);
        unique.putIfAbsent("DNS:" + dns, new GeneralName(GeneralName.dNSName, dns));
      }
    }
    return new GeneralNames(unique.values().toArray(new GeneralName[0]));
  }

  private static String dnsName(String name, String raw) {
    String ascii;
    try {
      ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a DNS name: " + raw, e);
    }
    if (ascii.isEmpty() || !ascii.matches("(\\*\\.)?[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?")) {
      throw new IllegalArgumentException("not a DNS name: " + raw);
    }
    return ascii;
  }
}
