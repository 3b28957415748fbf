package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Validate request (KMIP 1.4 §4.24, 2.1 §6.1.48): a chain of certificates given by value
 * (Certificate structures) and by Unique Identifier, leaf first, and the date at which to
 * validate it (now when absent).
 */
public record ValidateRequest(List<Ttlv> certificates, List<String> uniqueIdentifiers, Instant validityDate) {

  public static ValidateRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    List<Ttlv> certificates = new ArrayList<>();
    for (Ttlv c : p.children(Tag.CERTIFICATE)) {
      certificates.add(Fields.structure(c));
    }
    Ttlv date = p.child(Tag.VALIDITY_DATE);
    return new ValidateRequest(certificates, Payloads.texts(p, Tag.UNIQUE_IDENTIFIER),
        date == null ? null : Fields.dateTime(date));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(certificates);
    for (String uid : uniqueIdentifiers) {
      c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid));
    }
    if (validityDate != null) {
      c.add(Ttlv.dateTime(Tag.VALIDITY_DATE, validityDate));
    }
    return Payloads.request(c);
  }
}
