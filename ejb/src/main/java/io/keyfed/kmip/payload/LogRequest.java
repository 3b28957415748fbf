package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.List;

/**
 * Log (KMIP 2.0 and 2.1 §6.1, Log operation): the request carries one Log Message (Text String,
 * required); the response payload is empty.
 */
public record LogRequest(String logMessage) {

  public static LogRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    return new LogRequest(Fields.text(Fields.required(p, Tag.LOG_MESSAGE)));
  }

  public Ttlv encode() {
    return Payloads.request(List.of(Ttlv.text(Tag.LOG_MESSAGE, logMessage)));
  }

  public static Ttlv encodeResponse() {
    return Payloads.response(List.of());
  }
}
