package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Create Key Pair request (KMIP 1.4 §4.2, 2.1 §6.1 Create Key Pair): the attributes common to both
 * keys and those of the private and the public key, each as a Template-Attribute (1.x: Common,
 * Private Key, Public Key Template-Attribute) or an Attributes structure (2.x: Common, Private
 * Key, Public Key Attributes). The 2.x Protection Storage Masks are not read (this server has one
 * kind of storage).
 */
public record CreateKeyPairRequest(List<Attribute> commonAttributes, List<Attribute> privateKeyAttributes,
    List<Attribute> publicKeyAttributes) {

  public static CreateKeyPairRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new CreateKeyPairRequest(
        AttributeCodec.fromRequest(p, Tag.COMMON_TEMPLATE_ATTRIBUTE, Tag.COMMON_ATTRIBUTES),
        AttributeCodec.fromRequest(p, Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE, Tag.PRIVATE_KEY_ATTRIBUTES),
        AttributeCodec.fromRequest(p, Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE, Tag.PUBLIC_KEY_ATTRIBUTES));
  }

  public Ttlv encode(KmipVersion v) {
    return Payloads.request(encodeAttributes(commonAttributes, privateKeyAttributes, publicKeyAttributes, v));
  }

  /** The three attribute sets in the form of {@code v}, empty ones left out (shared with Re-key Key Pair). */
  static List<Ttlv> encodeAttributes(List<Attribute> common, List<Attribute> privateKey, List<Attribute> publicKey,
      KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(3);
    if (common != null && !common.isEmpty()) {
      c.add(AttributeCodec.toResponse(common, v, Tag.COMMON_TEMPLATE_ATTRIBUTE, Tag.COMMON_ATTRIBUTES));
    }
    if (privateKey != null && !privateKey.isEmpty()) {
      c.add(AttributeCodec.toResponse(privateKey, v, Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE, Tag.PRIVATE_KEY_ATTRIBUTES));
    }
    if (publicKey != null && !publicKey.isEmpty()) {
      c.add(AttributeCodec.toResponse(publicKey, v, Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE, Tag.PUBLIC_KEY_ATTRIBUTES));
    }
    return c;
  }
}
