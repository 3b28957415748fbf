package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.spec.ValidityIndicator;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Signature Verify response: the key's Unique Identifier, the Validity Indicator (at the end of a
 * stream), the Correlation Value. The recovered Data of signature schemes with message recovery is
 * not produced (no such scheme is supported).
 */
public record SignatureVerifyResponse(String uniqueIdentifier, ValidityIndicator validityIndicator, byte[] correlationValue) {

  public static SignatureVerifyResponse decode(Ttlv p) {
    return new SignatureVerifyResponse(Fields.text(Fields.required(p, Tag.UNIQUE_IDENTIFIER)),
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
