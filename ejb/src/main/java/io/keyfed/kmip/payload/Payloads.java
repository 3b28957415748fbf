package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the payload types. */
final class Payloads {

  private Payloads() {}

  static Ttlv request(List<Ttlv> children) {
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, children);
  }

  static Ttlv response(List<Ttlv> children) {
    return Ttlv.structure(Tag.RESPONSE_PAYLOAD, children);
  }

  static Ttlv orEmpty(Ttlv payload, Tag wrapper) {
    return payload != null ? Fields.structure(payload) : Ttlv.structure(wrapper, List.of());
  }

  static void addText(List<Ttlv> out, Tag tag, String v) {
    if (v != null) {
      out.add(Ttlv.text(tag, v));
    }
  }

  static void addInt(List<Ttlv> out, Tag tag, Integer v) {
    if (v != null) {
      out.add(Ttlv.integer(tag, v));
    }
  }

  static List<String> texts(Ttlv parent, Tag tag) {
    List<String> out = new ArrayList<>();
    for (Ttlv c : parent.children(tag)) {
      out.add(Fields.text(c));
    }
    return out;
  }
}
