package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.RevocationReasonCode;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Revoke request (KMIP 1.4 §4.20, 2.1 §6.1.46). */
public record RevokeRequest(
    String uniqueIdentifier,
    RevocationReasonCode revocationReasonCode,
    String revocationMessage,
    Instant compromiseOccurrenceDate) {

  public static RevokeRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    Ttlv reason = Fields.structure(Fields.required(p, Tag.REVOCATION_REASON));
    Ttlv cod = p.child(Tag.COMPROMISE_OCCURRENCE_DATE);
    return new RevokeRequest(
        Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER),
        Fields.enumeration(Fields.required(reason, Tag.REVOCATION_REASON_CODE), RevocationReasonCode::fromValue),
        Fields.optionalText(reason, Tag.REVOCATION_MESSAGE),
        cod == null ? null : Fields.dateTime(cod));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(3);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    List<Ttlv> r = new ArrayList<>(2);
    r.add(Ttlv.enumeration(Tag.REVOCATION_REASON_CODE, revocationReasonCode));
    Payloads.addText(r, Tag.REVOCATION_MESSAGE, revocationMessage);
    c.add(Ttlv.structure(Tag.REVOCATION_REASON, r));
    if (compromiseOccurrenceDate != null) {
      c.add(Ttlv.dateTime(Tag.COMPROMISE_OCCURRENCE_DATE, compromiseOccurrenceDate));
    }
    return Payloads.request(c);
  }
}
