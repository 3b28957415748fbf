package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
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

  /** The one attribute of a 2.x New Attribute or Current Attribute structure. */
  static Attribute single(Ttlv wrapper) {
    java.util.List<Attribute> as = AttributeCodec.fromAttributes(Fields.structure(wrapper));
    if (as.size() != 1) {
      throw KmipException.invalidMessage(wrapper.tagName() + " must hold exactly one attribute, not " + as.size());
    }
    return as.get(0);
  }

  /** A 2.x New Attribute / Current Attribute structure holding {@code a}. */
  static Ttlv wrap(Tag wrapper, Attribute a, io.keyfed.kmip.spec.KmipVersion v) {
    return AttributeCodec.toAttributes(wrapper, List.of(a), v);
  }
}
