package io.keyfed.application.operation;

import io.keyfed.application.CertificateIssuer;
import io.keyfed.application.ObjectAccess;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.Certificates;
import io.keyfed.infrastructure.crypto.engine.KeyFormats;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.CertifyRequest;
import io.keyfed.kmip.spec.CertificateRequestType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What Certify and Re-certify share: reading the certificate request (a value or, in 2.x, a
 * registered Certificate Request object), the subject a certificate gets, its validity period,
 * and issuing it with the server's CA.
 */
final class Certification {

  /** A new certificate's life when the request sets no Deactivation Date. */
  static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

  /** Attributes that describe the certificate issued; the server derives them, whatever the request says. */
  static final Set<Tag> DERIVED = Set.of(Tag.CERTIFICATE_TYPE, Tag.CERTIFICATE_LENGTH, Tag.CERTIFICATE_IDENTIFIER,
      Tag.CERTIFICATE_SUBJECT, Tag.CERTIFICATE_ISSUER, Tag.X_509_CERTIFICATE_IDENTIFIER, Tag.X_509_CERTIFICATE_SUBJECT,
      Tag.X_509_CERTIFICATE_ISSUER, Tag.DIGITAL_SIGNATURE_ALGORITHM, Tag.CRYPTOGRAPHIC_ALGORITHM, Tag.CRYPTOGRAPHIC_LENGTH,
      Tag.CERTIFICATE_SUBJECT_CN, Tag.CERTIFICATE_SUBJECT_O, Tag.CERTIFICATE_SUBJECT_OU, Tag.CERTIFICATE_SUBJECT_EMAIL,
      Tag.CERTIFICATE_SUBJECT_C, Tag.CERTIFICATE_SUBJECT_ST, Tag.CERTIFICATE_SUBJECT_L, Tag.CERTIFICATE_SUBJECT_UID,
      Tag.CERTIFICATE_SUBJECT_SERIAL_NUMBER, Tag.CERTIFICATE_SUBJECT_TITLE, Tag.CERTIFICATE_SUBJECT_DC,
      Tag.CERTIFICATE_SUBJECT_DN_QUALIFIER, Tag.CERTIFICATE_ISSUER_CN, Tag.CERTIFICATE_ISSUER_O, Tag.CERTIFICATE_ISSUER_OU,
      Tag.CERTIFICATE_ISSUER_EMAIL, Tag.CERTIFICATE_ISSUER_C, Tag.CERTIFICATE_ISSUER_ST, Tag.CERTIFICATE_ISSUER_L,
      Tag.CERTIFICATE_ISSUER_UID, Tag.CERTIFICATE_ISSUER_SERIAL_NUMBER, Tag.CERTIFICATE_ISSUER_TITLE,
      Tag.CERTIFICATE_ISSUER_DC, Tag.CERTIFICATE_ISSUER_DN_QUALIFIER);

  private Certification() {}

  /**
   * The PKCS#10 request of a Certify or Re-certify request, checked, or null when there is none.
   * CRMF and PGP requests are Feature Not Supported.
   */
  static Certificates.CertificationRequest request(CertifyRequest req, ManagedObjectRepository repository,
      ObjectContent content, RequestContext ctx) {
    CertificateRequestType type = req.certificateRequestType();
    byte[] value = req.certificateRequestValue();
    if (req.certificateRequestUniqueIdentifier() != null) {
      ManagedObject csr = ObjectAccess.requireOnline(repository, req.certificateRequestUniqueIdentifier(), ctx);
      if (csr.objectType() != ObjectType.CERTIFICATE_REQUEST) {
        throw KmipException.invalidField("object " + csr.uniqueIdentifier() + " is not a Certificate Request");
      }
      Ttlv object = content.stored(csr);
      type = Fields.enumeration(Fields.required(object, Tag.CERTIFICATE_REQUEST_TYPE), CertificateRequestType::fromValue);
      value = Fields.bytes(Fields.required(object, Tag.CERTIFICATE_REQUEST_VALUE));
    }
    if (value == null) {
      return null;
    }
    if (type == null) {
      type = CertificateRequestType.PKCS_10;
    }
    if (type != CertificateRequestType.PKCS_10 && type != CertificateRequestType.PEM) {
      throw KmipException.featureNotSupported("certificate requests of type " + type.specName()
          + " are not supported; use PKCS#10 or PEM");
    }
    return Certificates.pkcs10(value, type == CertificateRequestType.PEM);
  }

  /** Whether two DER SubjectPublicKeyInfos hold the same key (compared after decoding both). */
  static boolean sameKey(byte[] a, byte[] b) {
    return Arrays.equals(KeyFormats.subjectPublicKeyInfo(KeyFormats.publicKey(a)),
        KeyFormats.subjectPublicKeyInfo(KeyFormats.publicKey(b)));
  }

  /**
   * The subject for a certificate without a request: the Certificate Subject CN, O, ... attributes
   * of the request (1.4+), else its X.509 Certificate Subject (1.1+) or Certificate Subject
   * (1.0), else CN = the public key's first Name, else CN = its Unique Identifier.
   */
  static byte[] subject(List<Attribute> attributes, ManagedObject publicKey) {
    byte[] parts = Certificates.nameOf(attributes);
    if (parts != null) {
      return parts;
    }
    Ttlv x509 = NewObjects.first(attributes, Tag.X_509_CERTIFICATE_SUBJECT);
    if (x509 != null && x509.child(Tag.SUBJECT_DISTINGUISHED_NAME) != null) {
      return x509.child(Tag.SUBJECT_DISTINGUISHED_NAME).asBytes();
    }
    Ttlv v10 = NewObjects.first(attributes, Tag.CERTIFICATE_SUBJECT);
    if (v10 != null && v10.child(Tag.CERTIFICATE_SUBJECT_DISTINGUISHED_NAME) != null) {
      return Certificates.name(v10.child(Tag.CERTIFICATE_SUBJECT_DISTINGUISHED_NAME).asText());
    }
    String cn = publicKey.uniqueIdentifier();
    Ttlv name = publicKey.attribute(Tag.NAME);
    if (name != null && name.child(Tag.NAME_VALUE) != null) {
      cn = name.child(Tag.NAME_VALUE).asText();
    }
    return Certificates.name("CN=" + escape(cn.length() > 64 ? cn.substring(0, 64) : cn));
  }

  /** Issues the certificate from the request's Activation Date (or now) to its Deactivation Date (or a year on). */
  static byte[] issue(CertificateIssuer issuer, byte[] subject, byte[] spki, List<Attribute> attributes, Instant now,
      Duration validity) {
    Ttlv activation = NewObjects.first(attributes, Tag.ACTIVATION_DATE);
    Ttlv deactivation = NewObjects.first(attributes, Tag.DEACTIVATION_DATE);
    Instant notBefore = activation != null ? activation.asInstant() : now;
    Instant notAfter = deactivation != null ? deactivation.asInstant() : notBefore.plus(validity);
    return issuer.issue(subject, spki, notBefore, notAfter);
  }

  /** The client's attributes less those the certificate itself determines. */
  static void dropDerived(List<Attribute> attributes) {
    attributes.removeIf(a -> a.tag() != null && DERIVED.contains(a.tag()));
  }

  private static String escape(String value) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (",+\"\\<>;=#".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }
}
