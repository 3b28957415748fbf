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
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.CertifyRequest;
import io.keyfed.kmip.payload.UniqueIdentifierResponse;
import io.keyfed.kmip.spec.CertificateType;
import io.keyfed.kmip.spec.LinkType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-certify (KMIP 1.4 §4.8, 2.1 §6.1.42): a new certificate from the server's CA for the key of an
 * existing Certificate, with the old certificate's subject (or a PKCS#10 request's, whose key must
 * be the same), for as long as the old one was valid, starting now or, with an Offset, that much
 * later (the new certificate's Activation Date). As the 1.0–1.2 test case TC-134 shows: the new
 * certificate has a Public Key Link to the certified key and a Replaced Object Link to the old
 * certificate, which gets a Replacement Object Link; the old certificate's Names move to the new
 * one (after the request's); the Public Key's Certificate Link points at the new certificate.
 *
 * <p>Result Reasons: Invalid Field (not a Certificate, not X.509, a request for another key),
 * Invalid CSR (Invalid Field for 1.x), Feature Not Supported (CRMF or PGP requests), Item Not
 * Found, Permission Denied, Object Archived, Object Destroyed.
 */
@Stateless
@Local(OperationHandler.class)
public class ReCertifyHandler implements OperationHandler {

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
    return Operation.RE_CERTIFY;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    CertifyRequest req = CertifyRequest.decode(requestPayload);
    ObjectContent content = new ObjectContent(repository, sealer, engine);
    ManagedObject old = ObjectAccess.requireOnline(repository, req.uniqueIdentifier(), ctx);
    if (old.objectType() != ObjectType.CERTIFICATE) {
      throw KmipException.invalidField("Re-certify renews a Certificate, not a " + old.objectType().specName());
    }
    Ttlv oldObject = content.stored(old);
    if (Fields.enumerationValue(Fields.required(oldObject, Tag.CERTIFICATE_TYPE)) != CertificateType.X_509.value()) {
      throw KmipException.invalidField("only X.509 certificates are re-certified");
    }
    byte[] oldDer = Fields.bytes(Fields.required(oldObject, Tag.CERTIFICATE_VALUE));
    byte[] spki = Certificates.subjectPublicKeyInfo(oldDer);
    byte[] subject = Certificates.subject(oldDer);
    Certificates.CertificationRequest csr = Certification.request(req, repository, content, ctx);
    if (csr != null) {
      if (!Certification.sameKey(spki, csr.subjectPublicKeyInfo())) {
        throw KmipException.invalidField("the certificate request is for another key than certificate "
            + old.uniqueIdentifier() + "'s");
      }
      subject = csr.subject();
    }
    List<Attribute> attributes = NewObjects.clientAttributes(req.attributes());
    Instant start = ctx.now();
    if (req.offset() != null) {
      start = start.plusSeconds(req.offset());
      attributes.removeIf(a -> a.is(Tag.ACTIVATION_DATE));
      attributes.add(Attribute.of(Tag.ACTIVATION_DATE, Ttlv.dateTime(Tag.ACTIVATION_DATE, start)));
    }
    Instant[] oldValidity = Certificates.validity(oldDer);
    Duration validity = Duration.between(oldValidity[0], oldValidity[1]);
    byte[] der = Certification.issue(issuer, subject, spki, attributes, ctx.now(),
        validity.isNegative() || validity.isZero() ? Certification.DEFAULT_VALIDITY : validity);

    ManagedObject publicKey = publicKeyOf(old);
    Certification.dropDerived(attributes);
    RegisterHandler.addCertificateAttributes(CertificateType.X_509, der, attributes);
    String newUid = NewObjects.newUniqueIdentifier();
    if (publicKey != null) {
      attributes.add(NewObjects.link(LinkType.PUBLIC_KEY_LINK, publicKey.uniqueIdentifier()));
    }
    attributes.add(NewObjects.link(LinkType.REPLACED_OBJECT_LINK, old.uniqueIdentifier()));
    attributes.addAll(new ArrayList<>(old.attributes(Tag.NAME.specName())));
    content.store(newUid, ObjectType.CERTIFICATE, attributes, Certificates.certificate(der), ctx);
    old.removeAll(Tag.NAME, ctx.now());
    old.addLink(LinkType.REPLACEMENT_OBJECT_LINK, newUid, ctx.now());
    if (publicKey != null) {
      publicKey.removeLinks(LinkType.CERTIFICATE_LINK, ctx.now());
      publicKey.addLink(LinkType.CERTIFICATE_LINK, newUid, ctx.now());
    }
    return new UniqueIdentifierResponse(newUid).encode();
  }

  /** The Public Key the old certificate links to, when it still exists. */
  private ManagedObject publicKeyOf(ManagedObject certificate) {
    for (Attribute link : certificate.attributes(Tag.LINK.specName())) {
      Ttlv type = link.value().child(Tag.LINK_TYPE);
      if (type != null && type.asInt() == LinkType.PUBLIC_KEY_LINK.value()) {
        return repository.find(link.value().child(Tag.LINKED_OBJECT_IDENTIFIER).asText());
      }
    }
    return null;
  }
}
