package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Hash request (KMIP 1.4 §4.37, 2.1 §6.1): Cryptographic Parameters naming the Hashing Algorithm, the Data, the streaming fields. */
public record HashRequest(Ttlv cryptographicParameters, byte[] data, StreamFields stream) {

  public static HashRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new HashRequest(CryptoPayloads.optionalParameters(p), CryptoPayloads.optionalBytes(p, Tag.DATA), StreamFields.decode(p));
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(5);
    CryptoPayloads.addParameters(c, cryptographicParameters);
    CryptoPayloads.addBytes(c, Tag.DATA, data);
    (stream == null ? StreamFields.NONE : stream).addTo(c);
    return Payloads.request(c);
  }
}
