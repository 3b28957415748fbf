package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * The request payload of operations that take only an optional Unique Identifier: Activate,
 * Destroy, Get Attribute List, Archive, Recover, ... A missing identifier means the ID Placeholder.
 */
public record UniqueIdentifierRequest(String uniqueIdentifier) {

  public static UniqueIdentifierRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new UniqueIdentifierRequest(Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(1);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    return Payloads.request(c);
  }
}
