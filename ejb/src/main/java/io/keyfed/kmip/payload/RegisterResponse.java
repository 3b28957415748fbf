package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.List;

/** Register response: the new object's Unique Identifier. */
public record RegisterResponse(String uniqueIdentifier) {

  public static RegisterResponse decode(Ttlv p) {
    return new RegisterResponse(Fields.text(Fields.required(p, Tag.UNIQUE_IDENTIFIER)));
  }

  public Ttlv encode() {
    return Payloads.response(List.of(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)));
  }
}
