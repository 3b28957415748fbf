package io.keyfed.application.operation;

import io.keyfed.application.CertificateIssuer;
import io.keyfed.application.ObjectAccess;
import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.Certificates;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.crypto.engine.KeyFormats;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.CertifyRequest;
import io.keyfed.kmip.payload.UniqueIdentifierResponse;
import io.keyfed.kmip.spec.CertificateType;
import io.keyfed.kmip.spec.LinkType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Certify (KMIP 1.4 §4.7, 2.1 §6.1.6): an X.509 certificate from the server's built-in CA for a
 * registered Public Key (the request's, or the ID Placeholder) and/or a PKCS#10 Certificate
 * Request (DER or PEM; in 2.x also a registered Certificate Request object). With a request, its
 * signature must verify, its subject is the certificate's, and its key must be the Public Key's
 * when both are given; without one, the subject comes from the attributes or the key's Name. The
 * certificate is valid from the Activation Date of the request (or now) to its Deactivation Date
 * (or a year later, never beyond the CA's own end). It is stored as a Certificate with the
 * request's attributes and those derived from it; it and the Public Key are linked both ways
 * (Public Key Link, Certificate Link). The new certificate becomes the ID Placeholder.
 *
 * <p>Result Reasons: Missing Data (neither key nor request), Invalid Field (the object is not a
 * Public Key, the request's key is another key), Invalid CSR (Invalid Field for 1.x), Feature
 * Not Supported (CRMF or PGP requests; a CA whose key this server does not hold), Object Not Found (Item Not Found in 1.x),
 * Permission Denied, Object Archived, Object Destroyed.
 */
@Stateless
@Local(OperationHandler.class)
public class CertifyHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Inject
  CertificateIssuer issuer;

  @Override
  public Operation operation() {
    return Operation.CERTIFY;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    CertifyRequest req = CertifyRequest.decode(requestPayload);
    ObjectContent content = new ObjectContent(repository, sealer, engine);
    List<Attribute> attributes = NewObjects.clientAttributes(req.attributes());
    Certificates.CertificationRequest csr = Certification.request(req, repository, content, ctx);

    String uid = req.uniqueIdentifier() != null ? req.uniqueIdentifier() : csr == null ? ctx.resolve(null) : ctx.idPlaceholder();
    ManagedObject publicKey = null;
    byte[] spki = null;
    if (uid != null) {
      publicKey = ObjectAccess.requireOnline(repository, uid, ctx);
      if (publicKey.objectType() != ObjectType.PUBLIC_KEY) {
        throw KmipException.invalidField("Certify certifies a Public Key, not a " + publicKey.objectType().specName());
      }
      spki = KeyFormats.subjectPublicKeyInfo(content.plaintext(publicKey, ctx));
    }
    byte[] subject;
    if (csr != null) {
      if (spki != null && !Certification.sameKey(spki, csr.subjectPublicKeyInfo())) {
        throw KmipException.invalidField("the certificate request is for another key than Public Key " + uid);
      }
      spki = spki != null ? spki : csr.subjectPublicKeyInfo();
      subject = csr.subject();
    } else {
      subject = Certification.subject(attributes, publicKey);
    }
    byte[] der = Certification.issue(issuer, subject, spki, attributes, ctx.now(), Certification.DEFAULT_VALIDITY);

    Certification.dropDerived(attributes);
    RegisterHandler.addCertificateAttributes(CertificateType.X_509, der, attributes);
    String certUid = NewObjects.newUniqueIdentifier();
    if (publicKey != null) {
      attributes.add(NewObjects.link(LinkType.PUBLIC_KEY_LINK, publicKey.uniqueIdentifier()));
    }
    content.store(certUid, ObjectType.CERTIFICATE, attributes, Certificates.certificate(der), ctx);
    if (publicKey != null) {
      publicKey.addLink(LinkType.CERTIFICATE_LINK, certUid, ctx.now());
    }
    return new UniqueIdentifierResponse(certUid).encode();
  }
}
