package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Check request and response (KMIP 1.4 §4.10, 2.1 §6.1.7), which have the same fields: the object,
 * and the Usage Limits Count, Cryptographic Usage Mask and Lease Time to check. A response
 * echoes the fields whose check failed.
 */
public record CheckPayload(String uniqueIdentifier, Long usageLimitsCount, Integer cryptographicUsageMask,
    Long leaseTime) {

  public static CheckPayload decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    Ttlv count = p.child(Tag.USAGE_LIMITS_COUNT);
    Ttlv lease = p.child(Tag.LEASE_TIME);
    return new CheckPayload(
        Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER),
        count == null ? null : Fields.longInteger(count),
        Fields.optionalInteger(p, Tag.CRYPTOGRAPHIC_USAGE_MASK),
        lease == null ? null : Fields.interval(lease));
  }

  public Ttlv encodeRequest() {
    return Payloads.request(fields());
  }

  public Ttlv encodeResponse() {
    return Payloads.response(fields());
  }

  private List<Ttlv> fields() {
    List<Ttlv> c = new ArrayList<>(4);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    if (usageLimitsCount != null) {
      c.add(Ttlv.longInteger(Tag.USAGE_LIMITS_COUNT, usageLimitsCount));
    }
    Payloads.addInt(c, Tag.CRYPTOGRAPHIC_USAGE_MASK, cryptographicUsageMask);
    if (leaseTime != null) {
      c.add(Ttlv.interval(Tag.LEASE_TIME, leaseTime));
    }
    return c;
  }
}
