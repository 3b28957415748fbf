package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.List;

/** The response payload that carries only the Unique Identifier (Activate, Revoke, Destroy, ...). */
public record UniqueIdentifierResponse(String uniqueIdentifier) {

  public static UniqueIdentifierResponse decode(Ttlv payload) {
    return new UniqueIdentifierResponse(Fields.text(Fields.required(payload, Tag.UNIQUE_IDENTIFIER)));
  }

  public Ttlv encode() {
    return Payloads.response(List.of(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)));
  }
}
