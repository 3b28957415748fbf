package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.List;

/** RNG Seed (KMIP 1.4 §4.36, 2.1 §6.1): the request's Data, the response's Data Length (how much was used). */
public final class RngSeed {

  private RngSeed() {}

  public static byte[] decodeRequest(Ttlv payload) {
    return Fields.bytes(Fields.required(Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD), Tag.DATA));
  }

  public static Ttlv encodeRequest(byte[] data) {
    return Payloads.request(List.of(Ttlv.bytes(Tag.DATA, data)));
  }

  public static int decodeResponse(Ttlv p) {
    return Fields.integer(Fields.required(p, Tag.DATA_LENGTH));
  }

  public static Ttlv encodeResponse(int dataLength) {
    return Payloads.response(List.of(Ttlv.integer(Tag.DATA_LENGTH, dataLength)));
  }
}
