package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.CertificateType;
import io.keyfed.kmip.spec.DigitalSignatureAlgorithm;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.spec.ValidityIndicator;
import io.keyfed.kmip.ttlv.Ttlv;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x500.style.RFC4519Style;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * X.509 certificates and PKCS#10 requests in KMIP's words (KMIP 1.4 §2.2.1 Certificate, §3.9–3.16
 * certificate attributes; 2.1 §2.2.1, §4.x): the attributes a server derives from a certificate
 * it stores, the Public Key a certificate or a request carries, and chain validation for
 * Validate. Bouncy Castle's provider is used as an instance and never registered.
 */
public final class Certificates {

  private static final Provider BC = new BouncyCastleProvider();

  /** The RDN attributes of KMIP 1.4's Certificate Subject/Issuer CN, O, ... attributes, in the specification's order. */
  private static final Map<ASN1ObjectIdentifier, Tag[]> NAME_PARTS = new LinkedHashMap<>();

  static {
    NAME_PARTS.put(BCStyle.CN, new Tag[] {Tag.CERTIFICATE_SUBJECT_CN, Tag.CERTIFICATE_ISSUER_CN});
    NAME_PARTS.put(BCStyle.O, new Tag[] {Tag.CERTIFICATE_SUBJECT_O, Tag.CERTIFICATE_ISSUER_O});
    NAME_PARTS.put(BCStyle.OU, new Tag[] {Tag.CERTIFICATE_SUBJECT_OU, Tag.CERTIFICATE_ISSUER_OU});
    NAME_PARTS.put(BCStyle.EmailAddress, new Tag[] {Tag.CERTIFICATE_SUBJECT_EMAIL, Tag.CERTIFICATE_ISSUER_EMAIL});
    NAME_PARTS.put(BCStyle.C, new Tag[] {Tag.CERTIFICATE_SUBJECT_C, Tag.CERTIFICATE_ISSUER_C});
    NAME_PARTS.put(BCStyle.ST, new Tag[] {Tag.CERTIFICATE_SUBJECT_ST, Tag.CERTIFICATE_ISSUER_ST});
    NAME_PARTS.put(BCStyle.L, new Tag[] {Tag.CERTIFICATE_SUBJECT_L, Tag.CERTIFICATE_ISSUER_L});
    NAME_PARTS.put(BCStyle.UID, new Tag[] {Tag.CERTIFICATE_SUBJECT_UID, Tag.CERTIFICATE_ISSUER_UID});
    NAME_PARTS.put(BCStyle.SERIALNUMBER, new Tag[] {Tag.CERTIFICATE_SUBJECT_SERIAL_NUMBER, Tag.CERTIFICATE_ISSUER_SERIAL_NUMBER});
    NAME_PARTS.put(BCStyle.T, new Tag[] {Tag.CERTIFICATE_SUBJECT_TITLE, Tag.CERTIFICATE_ISSUER_TITLE});
    NAME_PARTS.put(BCStyle.DC, new Tag[] {Tag.CERTIFICATE_SUBJECT_DC, Tag.CERTIFICATE_ISSUER_DC});
    NAME_PARTS.put(BCStyle.DN_QUALIFIER, new Tag[] {Tag.CERTIFICATE_SUBJECT_DN_QUALIFIER, Tag.CERTIFICATE_ISSUER_DN_QUALIFIER});
  }

  private static final Map<String, DigitalSignatureAlgorithm> SIGNATURE_ALGORITHMS = Map.ofEntries(
      Map.entry("1.2.840.113549.1.1.2", DigitalSignatureAlgorithm.MD2_WITH_RSA_ENCRYPTION),
      Map.entry("1.2.840.113549.1.1.4", DigitalSignatureAlgorithm.MD5_WITH_RSA_ENCRYPTION),
      Map.entry("1.2.840.113549.1.1.5", DigitalSignatureAlgorithm.SHA_1_WITH_RSA_ENCRYPTION),
      Map.entry("1.2.840.113549.1.1.14", DigitalSignatureAlgorithm.SHA_224_WITH_RSA_ENCRYPTION),
      Map.entry("1.2.840.113549.1.1.11", DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION),
      Map.entry("1.2.840.113549.1.1.12", DigitalSignatureAlgorithm.SHA_384_WITH_RSA_ENCRYPTION),
      Map.entry("1.2.840.113549.1.1.13", DigitalSignatureAlgorithm.SHA_512_WITH_RSA_ENCRYPTION),
      Map.entry("1.2.840.113549.1.1.10", DigitalSignatureAlgorithm.RSASSA_PSS),
      Map.entry("1.2.840.10040.4.3", DigitalSignatureAlgorithm.DSA_WITH_SHA_1),
      Map.entry("2.16.840.1.101.3.4.3.1", DigitalSignatureAlgorithm.DSA_WITH_SHA224),
      Map.entry("2.16.840.1.101.3.4.3.2", DigitalSignatureAlgorithm.DSA_WITH_SHA256),
      Map.entry("1.2.840.10045.4.1", DigitalSignatureAlgorithm.ECDSA_WITH_SHA_1),
      Map.entry("1.2.840.10045.4.3.1", DigitalSignatureAlgorithm.ECDSA_WITH_SHA224),
      Map.entry("1.2.840.10045.4.3.2", DigitalSignatureAlgorithm.ECDSA_WITH_SHA256),
      Map.entry("1.2.840.10045.4.3.3", DigitalSignatureAlgorithm.ECDSA_WITH_SHA384),
      Map.entry("1.2.840.10045.4.3.4", DigitalSignatureAlgorithm.ECDSA_WITH_SHA512),
      Map.entry("2.16.840.1.101.3.4.3.14", DigitalSignatureAlgorithm.SHA3_256_WITH_RSA_ENCRYPTION),
      Map.entry("2.16.840.1.101.3.4.3.15", DigitalSignatureAlgorithm.SHA3_384_WITH_RSA_ENCRYPTION),
      Map.entry("2.16.840.1.101.3.4.3.16", DigitalSignatureAlgorithm.SHA3_512_WITH_RSA_ENCRYPTION));

  private Certificates() {}

  /** A PKCS#10 request, its signature checked: the subject (DER X.500 Name) and the key (DER SubjectPublicKeyInfo). */
  public record CertificationRequest(byte[] subject, byte[] subjectPublicKeyInfo) {}

  /** A Certificate object (KMIP 1.4 §2.2.1) of a DER X.509 certificate. */
  public static Ttlv certificate(byte[] der) {
    return Ttlv.structure(Tag.CERTIFICATE, Ttlv.enumeration(Tag.CERTIFICATE_TYPE, CertificateType.X_509),
        Ttlv.bytes(Tag.CERTIFICATE_VALUE, der));
  }

  /**
   * The attributes a server derives from an X.509 certificate: Certificate Type, Certificate
   * Length, X.509 Certificate Identifier, Subject and Issuer (1.1+), Certificate Identifier,
   * Subject and Issuer (1.0), the Certificate Subject/Issuer CN, O, ... of 1.4, Digital Signature
   * Algorithm, and the Cryptographic Algorithm and Length of the certified key. A response
   * encoder leaves out those the client's version does not define. The X.509 Certificate Serial
   * Number is the DER INTEGER, tag and length included, as the OASIS case TC-CERTATTR-1-14 has it.
   *
   * @throws KmipException Invalid Field when the bytes are not a certificate
   */
  public static List<Attribute> x509Attributes(byte[] der) {
    X509CertificateHolder c = holder(der);
    List<Attribute> out = new ArrayList<>();
    out.add(Attribute.of(Tag.CERTIFICATE_LENGTH, Ttlv.integer(Tag.CERTIFICATE_LENGTH, der.length)));
    byte[] issuer = encoded(c.getIssuer());
    byte[] subject = encoded(c.getSubject());
    byte[] serial = encoded(new ASN1Integer(c.getSerialNumber()));
    out.add(Attribute.of(Tag.X_509_CERTIFICATE_IDENTIFIER, Ttlv.structure(Tag.X_509_CERTIFICATE_IDENTIFIER,
        Ttlv.bytes(Tag.ISSUER_DISTINGUISHED_NAME, issuer), Ttlv.bytes(Tag.CERTIFICATE_SERIAL_NUMBER, serial))));
    List<Ttlv> subjectFields = new ArrayList<>(List.of(Ttlv.bytes(Tag.SUBJECT_DISTINGUISHED_NAME, subject)));
    GeneralNames subjectAlt = GeneralNames.fromExtensions(c.getExtensions(), Extension.subjectAlternativeName);
    if (subjectAlt != null) {
      subjectFields.add(Ttlv.bytes(Tag.SUBJECT_ALTERNATIVE_NAME, encoded(subjectAlt)));
    }
    out.add(Attribute.of(Tag.X_509_CERTIFICATE_SUBJECT, Ttlv.structure(Tag.X_509_CERTIFICATE_SUBJECT, subjectFields)));
    List<Ttlv> issuerFields = new ArrayList<>(List.of(Ttlv.bytes(Tag.ISSUER_DISTINGUISHED_NAME, issuer)));
    GeneralNames issuerAlt = GeneralNames.fromExtensions(c.getExtensions(), Extension.issuerAlternativeName);
    if (issuerAlt != null) {
      issuerFields.add(Ttlv.bytes(Tag.ISSUER_ALTERNATIVE_NAME, encoded(issuerAlt)));
    }
    out.add(Attribute.of(Tag.X_509_CERTIFICATE_ISSUER, Ttlv.structure(Tag.X_509_CERTIFICATE_ISSUER, issuerFields)));

    // KMIP 1.0's text forms (deprecated in 1.1, gone in 2.0).
    String issuerText = text(c.getIssuer());
    out.add(Attribute.of(Tag.CERTIFICATE_IDENTIFIER, Ttlv.structure(Tag.CERTIFICATE_IDENTIFIER,
        Ttlv.text(Tag.ISSUER, issuerText), Ttlv.text(Tag.SERIAL_NUMBER, c.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT)))));
    List<Ttlv> subjectText = new ArrayList<>(List.of(Ttlv.text(Tag.CERTIFICATE_SUBJECT_DISTINGUISHED_NAME, text(c.getSubject()))));
    subjectText.addAll(alternativeNames(subjectAlt, Tag.CERTIFICATE_SUBJECT_ALTERNATIVE_NAME));
    out.add(Attribute.of(Tag.CERTIFICATE_SUBJECT, Ttlv.structure(Tag.CERTIFICATE_SUBJECT, subjectText)));
    List<Ttlv> issuerTextFields = new ArrayList<>(List.of(Ttlv.text(Tag.CERTIFICATE_ISSUER_DISTINGUISHED_NAME, issuerText)));
    issuerTextFields.addAll(alternativeNames(issuerAlt, Tag.CERTIFICATE_ISSUER_ALTERNATIVE_NAME));
    out.add(Attribute.of(Tag.CERTIFICATE_ISSUER, Ttlv.structure(Tag.CERTIFICATE_ISSUER, issuerTextFields)));

    out.addAll(nameParts(c.getSubject(), 0));
    out.addAll(nameParts(c.getIssuer(), 1));

    DigitalSignatureAlgorithm dsa = SIGNATURE_ALGORITHMS.get(c.getSignatureAlgorithm().getAlgorithm().getId());
    if (dsa != null) {
      out.add(Attribute.of(Tag.DIGITAL_SIGNATURE_ALGORITHM, Ttlv.enumeration(Tag.DIGITAL_SIGNATURE_ALGORITHM, dsa)));
    }
    try {
      Ttlv kb = publicKey(der).child(Tag.KEY_BLOCK);
      Ttlv alg = kb.child(Tag.CRYPTOGRAPHIC_ALGORITHM);
      Ttlv len = kb.child(Tag.CRYPTOGRAPHIC_LENGTH);
      if (alg != null) {
        out.add(Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, alg));
      }
      if (len != null) {
        out.add(Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, len));
      }
    } catch (KmipException e) {
      // A key this server cannot read (Ed448, DSA without domain parameters, ...): the certificate is stored all the same.
    }
    return out;
  }

  /** The Public Key object (X.509 Key Format Type) of a certificate's key. */
  public static Ttlv publicKey(byte[] certificateDer) {
    try {
      return KeyFormats.publicKey(holder(certificateDer).getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw Failures.invalidField("the certificate's key cannot be encoded");
    }
  }

  /** The DER SubjectPublicKeyInfo of a certificate. */
  public static byte[] subjectPublicKeyInfo(byte[] certificateDer) {
    return encoded(holder(certificateDer).getSubjectPublicKeyInfo());
  }

  /** The DER X.500 subject name of a certificate. */
  public static byte[] subject(byte[] certificateDer) {
    return encoded(holder(certificateDer).getSubject());
  }

  /** The validity period of a certificate: notBefore and notAfter. */
  public static Instant[] validity(byte[] certificateDer) {
    X509CertificateHolder c = holder(certificateDer);
    return new Instant[] {c.getNotBefore().toInstant(), c.getNotAfter().toInstant()};
  }

  /**
   * A PKCS#10 request (DER, or PEM when {@code pem}), with its signature checked.
   *
   * @throws KmipException Invalid CSR (Invalid Field for 1.x clients) when it does not parse or its
   *     signature does not verify
   */
  public static CertificationRequest pkcs10(byte[] request, boolean pem) {
    byte[] der = pem ? pemBody(request, "CERTIFICATE REQUEST") : request;
    try {
      PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
      boolean valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC)
          .build(csr.getSubjectPublicKeyInfo()));
      if (!valid) {
        throw new KmipException(ResultReason.INVALID_CSR, "the certificate request's signature does not verify");
      }
      return new CertificationRequest(encoded(csr.getSubject()), encoded(csr.getSubjectPublicKeyInfo()));
    } catch (KmipException e) {
      throw e;
    } catch (Exception e) {
      throw new KmipException(ResultReason.INVALID_CSR, "not a PKCS#10 certificate request this server can read");
    }
  }

  /** A DER X.500 Name for a subject written as RFC 4514 text ("CN=a,O=b"). */
  public static byte[] name(String rfc4514) {
    try {
      return encoded(new X500Name(RFC4519Style.INSTANCE, rfc4514));
    } catch (IllegalArgumentException e) {
      throw Failures.invalidField("not a distinguished name: " + rfc4514);
    }
  }

  /** A DER X.500 Name of the Certificate Subject parts (CN, O, ...) among attributes, or null when there are none. */
  public static byte[] nameOf(List<Attribute> attributes) {
    List<RDN> rdns = new ArrayList<>();
    for (Map.Entry<ASN1ObjectIdentifier, Tag[]> e : NAME_PARTS.entrySet()) {
      for (Attribute a : attributes) {
        if (a.is(e.getValue()[0])) {
          rdns.add(new RDN(e.getKey(), BCStyle.INSTANCE.stringToValue(e.getKey(), a.value().asText())));
        }
      }
    }
    if (rdns.isEmpty()) {
      return null;
    }
    // X.500 order is most significant first: C, ..., CN; the table above is the other way round.
    java.util.Collections.reverse(rdns);
    return encoded(new X500Name(rdns.toArray(new RDN[0])));
  }

  /**
   * Validates a chain (any order; a certificate issued by a trust anchor ends it) at {@code at}
   * with PKIX, revocation not checked (the server keeps no CRLs). Valid when the chain verifies
   * to one of the anchors; Invalid when a signature, a validity period or a CA constraint fails;
   * Unknown when the chain does not reach an anchor.
   */
  public static ValidityIndicator validate(List<byte[]> chain, List<byte[]> trustAnchors, Instant at) {
    if (chain.isEmpty()) {
      throw Failures.invalidField("Validate needs at least one certificate");
    }
    try {
      CertificateFactory f = CertificateFactory.getInstance("X.509", BC);
      List<X509Certificate> certs = new ArrayList<>();
      for (byte[] c : chain) {
        certs.add(parse(f, c));
      }
      Set<TrustAnchor> anchors = new HashSet<>();
      List<X509Certificate> anchorCerts = new ArrayList<>();
      for (byte[] a : trustAnchors) {
        X509Certificate x = parse(f, a);
        anchors.add(new TrustAnchor(x, null));
        anchorCerts.add(x);
      }
      List<X509Certificate> ordered = order(certs, anchorCerts);
      if (ordered == null || anchors.isEmpty()) {
        return ValidityIndicator.UNKNOWN;
      }
      if (ordered.isEmpty()) {
        // Only anchors were given: each is valid if within its own validity period.
        for (X509Certificate c : certs) {
          c.checkValidity(Date.from(at));
        }
        return ValidityIndicator.VALID;
      }
      CertPath path = f.generateCertPath(ordered);
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX", BC).validate(path, params);
      return ValidityIndicator.VALID;
    } catch (CertPathValidatorException | java.security.cert.CertificateExpiredException
        | java.security.cert.CertificateNotYetValidException e) {
      return ValidityIndicator.INVALID;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PKIX validation is not available", e);
    }
  }

  /**
   * Leaf first, each certificate followed by its issuer, anchors left out; null when the chain
   * does not end at a certificate that an anchor issued (or that is an anchor itself).
   */
  private static List<X509Certificate> order(List<X509Certificate> certs, List<X509Certificate> anchors) {
    List<X509Certificate> rest = new ArrayList<>();
    for (X509Certificate c : certs) {
      if (!anchors.contains(c)) {
        rest.add(c);
      }
    }
    if (rest.isEmpty()) {
      return List.of();
    }
    X509Certificate leaf = null;
    for (X509Certificate c : rest) {
      boolean issuesAnother = false;
      for (X509Certificate d : rest) {
        if (d != c && d.getIssuerX500Principal().equals(c.getSubjectX500Principal())
            && !d.getSubjectX500Principal().equals(d.getIssuerX500Principal())) {
          issuesAnother = true;
        }
      }
      if (!issuesAnother) {
        leaf = c;
        break;
      }
    }
    if (leaf == null) {
      return null;
    }
    List<X509Certificate> out = new ArrayList<>();
    X509Certificate at = leaf;
    while (at != null && out.size() <= rest.size()) {
      out.add(at);
      X509Certificate current = at;
      if (anchors.stream().anyMatch(a -> a.getSubjectX500Principal().equals(current.getIssuerX500Principal()))) {
        return out;
      }
      at = rest.stream().filter(c -> c != current && c.getSubjectX500Principal().equals(current.getIssuerX500Principal()))
          .findFirst().orElse(null);
    }
    return null;
  }

  private static X509Certificate parse(CertificateFactory f, byte[] der) {
    try {
      return (X509Certificate) f.generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw Failures.invalidField("not an X.509 certificate");
    }
  }

  private static X509CertificateHolder holder(byte[] der) {
    try {
      return new X509CertificateHolder(der);
    } catch (IOException | RuntimeException e) {
      throw Failures.invalidField("the Certificate Value is not a DER X.509 certificate");
    }
  }

  private static List<Attribute> nameParts(X500Name name, int which) {
    List<Attribute> out = new ArrayList<>();
    for (Map.Entry<ASN1ObjectIdentifier, Tag[]> e : NAME_PARTS.entrySet()) {
      for (RDN rdn : name.getRDNs(e.getKey())) {
        for (AttributeTypeAndValue tv : rdn.getTypesAndValues()) {
          if (tv.getType().equals(e.getKey())) {
            Tag t = e.getValue()[which];
            out.add(Attribute.of(t, Ttlv.text(t, IETFUtils.valueToString(tv.getValue()))));
          }
        }
      }
    }
    return out;
  }

  private static List<Ttlv> alternativeNames(GeneralNames names, Tag tag) {
    List<Ttlv> out = new ArrayList<>();
    if (names != null) {
      for (GeneralName n : names.getNames()) {
        out.add(Ttlv.text(tag, n.toString()));
      }
    }
    return out;
  }

  /** A name as RFC 2253 text, most significant last ("CN=Inter,O=Kmip Test,C=AU"), as the OASIS cases print it. */
  private static String text(X500Name name) {
    return new javax.security.auth.x500.X500Principal(encoded(name)).getName(javax.security.auth.x500.X500Principal.RFC2253);
  }

  private static byte[] encoded(ASN1Encodable o) {
    try {
      return o.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("cannot DER-encode " + o.getClass().getSimpleName(), e);
    }
  }

  private static byte[] pemBody(byte[] pem, String label) {
    String s = new String(pem, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = s.indexOf(begin);
    int e = s.indexOf(end);
    if (b < 0) {
      begin = "-----BEGIN NEW " + label + "-----";
      end = "-----END NEW " + label + "-----";
      b = s.indexOf(begin);
      e = s.indexOf(end);
    }
    if (b < 0 || e < b) {
      throw new KmipException(ResultReason.INVALID_CSR, "not a PEM " + label);
    }
    try {
      return Base64.getMimeDecoder().decode(s.substring(b + begin.length(), e));
    } catch (IllegalArgumentException x) {
      throw new KmipException(ResultReason.INVALID_CSR, "the PEM " + label + " is not Base64");
    }
  }
}
