package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Get Usage Allocation request (KMIP 1.4 §4.15, 2.1 §6.1.25): the object and the units wanted. */
public record GetUsageAllocationRequest(String uniqueIdentifier, Long usageLimitsCount) {

  public static GetUsageAllocationRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    Ttlv count = p.child(Tag.USAGE_LIMITS_COUNT);
    return new GetUsageAllocationRequest(Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER),
        count == null ? null : Fields.longInteger(count));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(2);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    if (usageLimitsCount != null) {
      c.add(Ttlv.longInteger(Tag.USAGE_LIMITS_COUNT, usageLimitsCount));
    }
    return Payloads.request(c);
  }
}
