package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** MAC Verify request (KMIP 1.4 §4.34, 2.1 §6.1): as MAC, plus the MAC Data to check. */
public record MacVerifyRequest(String uniqueIdentifier, Ttlv cryptographicParameters, byte[] data, byte[] macData,
    StreamFields stream) {

  public static MacVerifyRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new MacVerifyRequest(Fields.optionalText(p, Tag.UNIQUE_IDENTIFIER), CryptoPayloads.optionalParameters(p),
        CryptoPayloads.optionalBytes(p, Tag.DATA), CryptoPayloads.optionalBytes(p, Tag.MAC_DATA), StreamFields.decode(p));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(7);
    Payloads.addText(c, Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    CryptoPayloads.addParameters(c, cryptographicParameters);
    CryptoPayloads.addBytes(c, Tag.DATA, data);
    CryptoPayloads.addBytes(c, Tag.MAC_DATA, macData);
    (stream == null ? StreamFields.NONE : stream).addTo(c);
    return Payloads.request(c);
  }
}
