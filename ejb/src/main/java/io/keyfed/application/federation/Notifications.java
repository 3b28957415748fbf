package io.keyfed.application.federation;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.attribute.AttributeReferences;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.PutFunction;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server-to-server messages, in their KMIP 2.1 form (the sender acts as a KMIP client of the
 * receiver): Put (Unique Identifier, Put Function New or Replace, Replaced Unique Identifier, the
 * object, Attributes) carries a whole object; Notify (Unique Identifier, Attributes, Attribute
 * References) carries changes. Keyfed's choices where KMIP leaves room: a Notify's Attributes hold
 * every value of each changed attribute (the receiver replaces them all, so multi-valued
 * attributes need no indices); each Attribute Reference names an attribute that was deleted; the
 * origin's sequence number of the change travels as the vendor attribute {@link Markers#SEQUENCE}.
 */
public final class Notifications {

  private Notifications() {}

  /** What the outbox keeps for a Notify: the changed values and the deleted names. */
  static Ttlv changes(List<Attribute> changedValues, List<String> deleted) {
    List<Ttlv> c = new ArrayList<>();
    c.add(AttributeCodec.toAttributes(Tag.ATTRIBUTES, changedValues, KmipVersion.V2_1));
    c.addAll(AttributeReferences.encodeAll(deleted, KmipVersion.V2_1));
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, c);
  }

  public static Ttlv notifyPayload(String uid, Ttlv changes, long sequence) {
    List<Ttlv> c = new ArrayList<>();
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid));
    for (Ttlv item : changes.children()) {
      if (item.is(Tag.ATTRIBUTES)) {
        List<Ttlv> attrs = new ArrayList<>(item.children());
        attrs.add(AttributeCodec.toVendorAttribute(Markers.longValue(Markers.SEQUENCE, sequence)));
        c.add(Ttlv.structure(Tag.ATTRIBUTES, attrs));
      } else {
        c.add(item);
      }
    }
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, c);
  }

  public static Ttlv putPayload(String uid, String replacedUid, Ttlv object, List<Attribute> attributes, long sequence) {
    List<Ttlv> c = new ArrayList<>();
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid));
    c.add(Ttlv.enumeration(Tag.PUT_FUNCTION, replacedUid == null ? PutFunction.NEW : PutFunction.REPLACE));
    if (replacedUid != null) {
      c.add(Ttlv.text(Tag.REPLACED_UNIQUE_IDENTIFIER, replacedUid));
    }
    if (object != null) {
      c.add(object);
    }
    List<Attribute> attrs = new ArrayList<>(attributes);
    attrs.add(Markers.longValue(Markers.SEQUENCE, sequence));
    c.add(AttributeCodec.toAttributes(Tag.ATTRIBUTES, attrs, KmipVersion.V2_1));
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, c);
  }

  /** A decoded Put: the sequence marker taken out of the attributes. */
  public record Put(String uniqueIdentifier, PutFunction function, String replacedUniqueIdentifier, ObjectType objectType,
      Ttlv object, List<Attribute> attributes, long sequence) {}

  /** A decoded Notify: changed attributes (all values of each), deleted attribute names. */
  public record Notify(String uniqueIdentifier, Map<String, List<Ttlv>> changed, List<String> deleted, long sequence) {}

  public static Put readPut(Ttlv payload) {
    String uid = Fields.text(Fields.required(payload, Tag.UNIQUE_IDENTIFIER));
    PutFunction f = Fields.enumeration(Fields.required(payload, Tag.PUT_FUNCTION), PutFunction::fromValue);
    String replaced = Fields.optionalText(payload, Tag.REPLACED_UNIQUE_IDENTIFIER);
    Ttlv object = null;
    ObjectType type = null;
    for (Ttlv c : payload.children()) {
      Tag t = Tag.fromValue(c.tag());
      ObjectType ot = t == null ? null : objectTypeOf(t);
      if (ot != null) {
        object = Fields.structure(c);
        type = ot;
      }
    }
    List<Attribute> attrs = new ArrayList<>();
    Ttlv v2 = payload.child(Tag.ATTRIBUTES);
    if (v2 != null) {
      attrs.addAll(AttributeCodec.fromAttributes(v2));
    }
    for (Ttlv a : payload.children(Tag.ATTRIBUTE)) {
      attrs.add(AttributeCodec.fromV1(a));
    }
    if (type == null) {
      for (Attribute a : attrs) {
        if (a.is(Tag.OBJECT_TYPE)) {
          type = ObjectType.fromValue(a.value().asInt());
        }
      }
    }
    if (type == null) {
      throw KmipException.missingData("Put carries neither an object nor its Object Type");
    }
    long seq = takeSequence(attrs);
    return new Put(uid, f, replaced, type, object, attrs, seq);
  }

  public static Notify readNotify(Ttlv payload) {
    String uid = Fields.text(Fields.required(payload, Tag.UNIQUE_IDENTIFIER));
    List<Attribute> attrs = new ArrayList<>();
    Ttlv v2 = payload.child(Tag.ATTRIBUTES);
    if (v2 != null) {
      attrs.addAll(AttributeCodec.fromAttributes(v2));
    }
    for (Ttlv a : payload.children(Tag.ATTRIBUTE)) {
      attrs.add(AttributeCodec.fromV1(a));
    }
    long seq = takeSequence(attrs);
    Map<String, List<Ttlv>> changed = new LinkedHashMap<>();
    for (Attribute a : attrs) {
      changed.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(a.value());
    }
    List<String> deleted = new ArrayList<>();
    for (Ttlv r : payload.children(Tag.ATTRIBUTE_REFERENCE)) {
      deleted.add(AttributeReferences.decode(r));
    }
    return new Notify(uid, changed, deleted, seq);
  }

  /** Removes the sequence marker from the attributes and returns it; 0 when absent (a plain client). */
  private static long takeSequence(List<Attribute> attrs) {
    long seq = 0;
    for (int i = attrs.size() - 1; i >= 0; i--) {
      if (attrs.get(i).name().equals(Markers.SEQUENCE)) {
        seq = attrs.get(i).value().asLong();
        attrs.remove(i);
      }
    }
    return seq;
  }

  /** The object type whose structure carries this tag (Symmetric Key, Secret Data, ...). */
  static ObjectType objectTypeOf(Tag t) {
    for (ObjectType ot : ObjectType.values()) {
      if (ot.specName().equals(t.specName())) {
        return ot;
      }
    }
    return null;
  }
}
