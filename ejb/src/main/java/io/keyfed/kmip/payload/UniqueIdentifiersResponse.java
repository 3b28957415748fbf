package io.keyfed.kmip.payload;

import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** A response payload of Unique Identifiers only, in order (Create Split Key: one per part). */
public record UniqueIdentifiersResponse(List<String> uniqueIdentifiers) {

  public static UniqueIdentifiersResponse decode(Ttlv payload) {
    return new UniqueIdentifiersResponse(Payloads.texts(payload, Tag.UNIQUE_IDENTIFIER));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(uniqueIdentifiers.size());
    for (String uid : uniqueIdentifiers) {
      c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid));
    }
    return Payloads.response(c);
  }
}
