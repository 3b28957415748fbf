package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Sign response: the key's Unique Identifier, the Signature Data (at the end of a stream), the Correlation Value. */
public record SignResponse(String uniqueIdentifier, byte[] signatureData, byte[] correlationValue) {

  public static SignResponse decode(Ttlv p) {
    return new SignResponse(Fields.text(Fields.required(p, Tag.UNIQUE_IDENTIFIER)),
        CryptoPayloads.optionalBytes(p, Tag.SIGNATURE_DATA), CryptoPayloads.optionalBytes(p, Tag.CORRELATION_VALUE));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(3);
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier));
    CryptoPayloads.addBytes(c, Tag.SIGNATURE_DATA, signatureData);
    CryptoPayloads.addBytes(c, Tag.CORRELATION_VALUE, correlationValue);
    return Payloads.response(c);
  }
}
