package io.keyfed.application.operation;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.domain.object.TemplateAttributes;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.payload.CreateKeyPairRequest;
import io.keyfed.kmip.payload.CreateKeyPairResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Create Key Pair (KMIP 1.4 §4.2, 2.1 §6.1 Create Key Pair): generates a Private Key and a Public
 * Key through the crypto engine — RSA of 1024 to 8192 bits (2048, 3072, 4096 as usual), EC/ECDSA/
 * ECDH on P-256, P-384, P-521 and the other Weierstrass Recommended Curves, Ed25519 (2.x), X25519 —
 * and stores them Pre-Active (or Active by their Activation Date), linked to each other. Each key
 * gets the Common attributes, overridden (single-valued) or added to (multi-valued) by its own
 * ({@link TemplateAttributes}). The ID Placeholder becomes the Private Key's Unique Identifier.
 * Result Reasons: Missing Data (no Cryptographic Algorithm), Invalid Field (a length or curve that
 * does not fit, server-managed attributes), Feature Not Supported (another algorithm).
 */
@Stateless
@Local(OperationHandler.class)
public class CreateKeyPairHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.CREATE_KEY_PAIR;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    CreateKeyPairRequest req = CreateKeyPairRequest.decode(requestPayload);
    List<Attribute> common = NewObjects.clientAttributes(req.commonAttributes());
    List<Attribute> privateAttributes = TemplateAttributes.overlay(common, NewObjects.clientAttributes(req.privateKeyAttributes()));
    List<Attribute> publicAttributes = TemplateAttributes.overlay(common, NewObjects.clientAttributes(req.publicKeyAttributes()));
    KeyPairs.Stored pair = KeyPairs.generateAndStore(engine, repository, sealer, privateAttributes, publicAttributes, null, ctx);
    ctx.setIdPlaceholder(pair.privateKey().uniqueIdentifier());
    return new CreateKeyPairResponse(pair.privateKey().uniqueIdentifier(), pair.publicKey().uniqueIdentifier()).encode();
  }
}
