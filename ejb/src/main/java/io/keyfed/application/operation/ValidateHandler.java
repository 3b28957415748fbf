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
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.ValidateRequest;
import io.keyfed.kmip.spec.CertificateType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.spec.ValidityIndicator;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Validate (KMIP 1.4 §4.24, 2.1 §6.1.48): PKIX validation of a certificate chain, given by value
 * (Certificate structures) and by Unique Identifier, at the Validity Date (now when absent),
 * against the server's CA certificates as trust anchors; revocation is not checked. The answer
 * is a Validity Indicator: Valid, Invalid (a signature, a validity period or a CA constraint
 * fails), Unknown (the chain does not lead to a trust anchor).
 *
 * <p>Result Reasons: Invalid Field (a value that is not an X.509 certificate, an object that is
 * not a Certificate), Missing Data (no certificate), Object Not Found (Item Not Found in 1.x), Permission Denied, Object
 * Archived, Object Destroyed.
 */
@Stateless
@Local(OperationHandler.class)
public class ValidateHandler implements OperationHandler {

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
    return Operation.VALIDATE;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    ValidateRequest req = ValidateRequest.decode(requestPayload);
    ObjectContent content = new ObjectContent(repository, sealer, engine);
    List<byte[]> chain = new ArrayList<>();
    for (Ttlv c : req.certificates()) {
      chain.add(x509Value(c));
    }
    for (String uid : req.uniqueIdentifiers()) {
      ManagedObject o = ObjectAccess.requireOnline(repository, uid, ctx);
      if (o.objectType() != ObjectType.CERTIFICATE) {
        throw KmipException.invalidField("object " + uid + " is a " + o.objectType().specName() + ", not a Certificate");
      }
      chain.add(x509Value(content.stored(o)));
    }
    if (chain.isEmpty()) {
      throw KmipException.missingData("Validate needs a certificate, by value or by Unique Identifier");
    }
    ValidityIndicator v = Certificates.validate(chain, issuer.trustAnchors(),
        req.validityDate() != null ? req.validityDate() : ctx.now());
    return Ttlv.structure(Tag.RESPONSE_PAYLOAD, Ttlv.enumeration(Tag.VALIDITY_INDICATOR, v));
  }

  private static byte[] x509Value(Ttlv certificate) {
    if (Fields.enumerationValue(Fields.required(certificate, Tag.CERTIFICATE_TYPE)) != CertificateType.X_509.value()) {
      throw KmipException.featureNotSupported("only X.509 certificates are validated");
    }
    return Fields.bytes(Fields.required(certificate, Tag.CERTIFICATE_VALUE));
  }
}
