package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.List;

/** RNG Retrieve (KMIP 1.4 §4.35, 2.1 §6.1): the request's Data Length, the response's Data. */
public final class RngRetrieve {

  private RngRetrieve() {}

  public static int decodeRequest(Ttlv payload) {
    return Fields.integer(Fields.required(Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD), Tag.DATA_LENGTH));
  }

  public static Ttlv encodeRequest(int dataLength) {
    return Payloads.request(List.of(Ttlv.integer(Tag.DATA_LENGTH, dataLength)));
  }

  public static byte[] decodeResponse(Ttlv p) {
    return Fields.bytes(Fields.required(p, Tag.DATA));
  }

  public static Ttlv encodeResponse(byte[] data) {
    return Payloads.response(List.of(Ttlv.bytes(Tag.DATA, data)));
  }
}
