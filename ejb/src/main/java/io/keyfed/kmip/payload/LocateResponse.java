package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Locate response: Located Items (1.3+, the total before paging) and the identifiers of this page. */
public record LocateResponse(Integer locatedItems, List<String> uniqueIdentifiers) {

  public static LocateResponse decode(Ttlv p) {
    return new LocateResponse(Fields.optionalInteger(p, Tag.LOCATED_ITEMS), Payloads.texts(p, Tag.UNIQUE_IDENTIFIER));
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>(uniqueIdentifiers.size() + 1);
    if (locatedItems != null && v.atLeast(KmipVersion.V1_3)) {
      c.add(Ttlv.integer(Tag.LOCATED_ITEMS, locatedItems));
    }
    for (String u : uniqueIdentifiers) {
      c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, u));
    }
    return Payloads.response(c);
  }
}
