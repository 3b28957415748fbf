package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.List;

/**
 * Create Key Pair and Re-key Key Pair response: the Unique Identifiers of the new Private Key and
 * Public Key. The optional 1.x Private/Public Key Template-Attributes (attributes the server set
 * implicitly) are not sent, as Create sends none.
 */
public record CreateKeyPairResponse(String privateKeyUniqueIdentifier, String publicKeyUniqueIdentifier) {

  public static CreateKeyPairResponse decode(Ttlv p) {
    return new CreateKeyPairResponse(Fields.text(Fields.required(p, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER)),
        Fields.text(Fields.required(p, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER)));
  }

  public Ttlv encode() {
    return Payloads.response(List.of(Ttlv.text(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, privateKeyUniqueIdentifier),
        Ttlv.text(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER, publicKeyUniqueIdentifier)));
  }
}
