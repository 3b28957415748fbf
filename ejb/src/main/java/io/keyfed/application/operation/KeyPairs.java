package io.keyfed.application.operation;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.crypto.engine.KeyGeneration;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.LinkType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.RecommendedCurve;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * What Create Key Pair and Re-key Key Pair share: generating the pair the private key's attributes
 * ask for (Cryptographic Algorithm; Cryptographic Length; for EC the Recommended Curve of the
 * Cryptographic Domain Parameters, or the curve of that length) through the crypto engine, and
 * storing the two objects linked to each other (KMIP 1.4 §4.2: "For the Private Key, the server
 * SHALL create a Link attribute of Link Type Public Key pointing to the Public Key. For the Public
 * Key, the server SHALL create a Link attribute of Link Type Private Key pointing to the Private
 * Key").
 */
final class KeyPairs {

  /** The two objects as stored. */
  record Stored(ManagedObject privateKey, ManagedObject publicKey) {}

  private KeyPairs() {}

  /**
   * @param replaced the existing Private and Public Key a Re-key Key Pair replaces (each replacement
   *     gets a Replaced Object Link after its pair link), or null for Create Key Pair
   */
  static Stored generateAndStore(CryptoEngine engine, ManagedObjectRepository repository, ObjectSealer sealer,
      List<Attribute> privateAttributes, List<Attribute> publicAttributes, Stored replaced, RequestContext ctx) {
    Ttlv alg = NewObjects.first(privateAttributes, Tag.CRYPTOGRAPHIC_ALGORITHM);
    if (alg == null) {
      throw KmipException.missingData("a key pair needs a Cryptographic Algorithm");
    }
    CryptographicAlgorithm algorithm = Fields.enumeration(alg, CryptographicAlgorithm::fromValue);
    Ttlv publicAlg = NewObjects.first(publicAttributes, Tag.CRYPTOGRAPHIC_ALGORITHM);
    if (publicAlg != null && publicAlg.asInt() != alg.asInt()) {
      throw KmipException.invalidField("the Private Key and Public Key attributes name different Cryptographic Algorithms");
    }
    Ttlv len = NewObjects.first(privateAttributes, Tag.CRYPTOGRAPHIC_LENGTH);
    KeyGeneration.KeyPair pair = engine.keyGeneration().keyPair(algorithm, len == null ? null : Fields.integer(len),
        curve(privateAttributes));

    String privateUid = NewObjects.newUniqueIdentifier();
    String publicUid = NewObjects.newUniqueIdentifier();
    List<Attribute> privateLinks = new ArrayList<>(List.of(link(LinkType.PUBLIC_KEY_LINK, publicUid)));
    List<Attribute> publicLinks = new ArrayList<>(List.of(link(LinkType.PRIVATE_KEY_LINK, privateUid)));
    if (replaced != null) {
      privateLinks.add(link(LinkType.REPLACED_OBJECT_LINK, replaced.privateKey().uniqueIdentifier()));
      publicLinks.add(link(LinkType.REPLACED_OBJECT_LINK, replaced.publicKey().uniqueIdentifier()));
    }
    ManagedObject privateKey = store(repository, sealer, privateUid, ObjectType.PRIVATE_KEY, pair.privateKey(),
        privateAttributes, privateLinks, ctx);
    ManagedObject publicKey = store(repository, sealer, publicUid, ObjectType.PUBLIC_KEY, pair.publicKey(),
        publicAttributes, publicLinks, ctx);
    return new Stored(privateKey, publicKey);
  }

  /** A Link attribute (KMIP 1.4 §3.35). */
  static Attribute link(LinkType type, String linkedObjectIdentifier) {
    return Attribute.of(Tag.LINK, Ttlv.structure(Tag.LINK,
        Ttlv.enumeration(Tag.LINK_TYPE, type), Ttlv.text(Tag.LINKED_OBJECT_IDENTIFIER, linkedObjectIdentifier)));
  }

  /** The Linked Object Identifier of the object's first Link of this type, or null. */
  static String linked(ManagedObject o, LinkType type) {
    for (Attribute a : o.attributes(Tag.LINK.specName())) {
      Ttlv t = a.value().child(Tag.LINK_TYPE);
      Ttlv id = a.value().child(Tag.LINKED_OBJECT_IDENTIFIER);
      if (t != null && t.asInt() == type.value() && id != null) {
        return id.asText();
      }
    }
    return null;
  }

  private static RecommendedCurve curve(List<Attribute> attributes) {
    Ttlv domain = NewObjects.first(attributes, Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS);
    Ttlv curve = domain == null || !domain.isStructure() ? null : domain.child(Tag.RECOMMENDED_CURVE);
    return curve == null ? null : Fields.enumeration(curve, RecommendedCurve::fromValue);
  }

  private static ManagedObject store(ManagedObjectRepository repository, ObjectSealer sealer, String uid, ObjectType type,
      Ttlv generated, List<Attribute> requested, List<Attribute> links, RequestContext ctx) {
    List<Attribute> attributes = new ArrayList<>(requested);
    attributes.addAll(links);
    // Algorithm and length from the Key Block where the request left them out, and the Digest.
    Ttlv object = NewObjects.normaliseRegistered(generated, attributes);
    NewObjects.addRandomNumberGenerator(attributes);
    ManagedObject o = ManagedObject.create(uid, type, ctx.client().name(), attributes,
        sealer.seal(uid, NewObjects.encode(object)), ctx.now());
    repository.add(o);
    return o;
  }
}
