package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.spec.ValidityIndicator;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** MAC Verify response: the key's Unique Identifier, the Validity Indicator (at the end of a stream), the Correlation Value. */
public record MacVerifyResponse(String uniqueIdentifier, ValidityIndicator validityIndicator, byte[] correlationValue) {

  public static MacVerifyResponse decode(Ttlv p) {
    return new MacVerifyResponse(Fields.text(Fields.required(p, Tag.UNIQUE_IDENTIFIER)),
        Fields.optionalEnum(p, Tag.VALIDITY_INDICATOR, ValidityIndicator::fromValue),
        CryptoPayloads.optionalBytes(p, Tag.CORRELATION_VALUE));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(3);
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier));
    if (validityIndicator != null) {
      c.add(Ttlv.enumeration(Tag.VALIDITY_INDICATOR, validityIndicator));
    }
    CryptoPayloads.addBytes(c, Tag.CORRELATION_VALUE, correlationValue);
    return Payloads.response(c);
  }
}
