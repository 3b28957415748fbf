package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.List;

/** Obtain Lease response (KMIP 1.4 §4.14, 2.1 §6.1.33): the lease granted and the object's Last Change Date. */
public record ObtainLeaseResponse(String uniqueIdentifier, long leaseTime, Instant lastChangeDate) {

  public static ObtainLeaseResponse decode(Ttlv p) {
    return new ObtainLeaseResponse(Fields.text(Fields.required(p, Tag.UNIQUE_IDENTIFIER)),
        Fields.interval(Fields.required(p, Tag.LEASE_TIME)), Fields.dateTime(Fields.required(p, Tag.LAST_CHANGE_DATE)));
  }

  public Ttlv encode() {
    return Payloads.response(List.of(
        Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier),
        Ttlv.interval(Tag.LEASE_TIME, leaseTime),
        Ttlv.dateTime(Tag.LAST_CHANGE_DATE, lastChangeDate)));
  }
}
