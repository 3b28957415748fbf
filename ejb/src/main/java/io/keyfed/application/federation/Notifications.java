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
import java.util.Set;
import java.util.TreeSet;

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

  /**
   * What the outbox keeps for a Notify, in a form either generation can be written from: the
   * changed values (a 2.x Attributes structure), an Attribute Reference per deleted attribute, and
   * for each deleted attribute the instances it had (1.x Attribute structures with name and index
   * and no value), since a 1.x Notify names deleted instances, not attributes.
   */
  static Ttlv changes(List<Attribute> changedValues, Map<String, Integer> deletedInstanceCounts) {
    List<Ttlv> c = new ArrayList<>();
    c.add(AttributeCodec.toAttributes(Tag.ATTRIBUTES, changedValues, KmipVersion.V2_1));
    c.addAll(AttributeReferences.encodeAll(new ArrayList<>(deletedInstanceCounts.keySet()), KmipVersion.V2_1));
    for (Map.Entry<String, Integer> d : deletedInstanceCounts.entrySet()) {
      for (int i = 0; i < Math.max(1, d.getValue()); i++) {
        c.add(deletedInstance(d.getKey(), i));
      }
    }
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, c);
  }

  /** A 1.x Attribute that says an instance was deleted: its name and index, no value. */
  static Ttlv deletedInstance(String name, int index) {
    return Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.ATTRIBUTE_NAME, name), Ttlv.integer(Tag.ATTRIBUTE_INDEX, index));
  }

  /**
   * The Notify request payload for a peer spoken to in {@code v}: KMIP 2.x (2.1 §6.1.34) carries
   * an Attributes structure of the changed values and an Attribute Reference per deleted
   * attribute; KMIP 1.x (1.4 §5.1) carries Attribute structures, a deleted instance as an
   * Attribute with its name and index and without a value.
   */
  public static Ttlv notifyPayload(String uid, Ttlv changes, long sequence, KmipVersion v) {
    List<Ttlv> c = new ArrayList<>();
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid));
    List<Attribute> values = new ArrayList<>();
    List<Ttlv> references = new ArrayList<>();
    List<Ttlv> instances = new ArrayList<>();
    for (Ttlv item : changes.children()) {
      if (item.is(Tag.ATTRIBUTES)) {
        values.addAll(AttributeCodec.fromAttributes(item));
      } else if (item.is(Tag.ATTRIBUTE_REFERENCE)) {
        references.add(item);
      } else if (item.is(Tag.ATTRIBUTE)) {
        instances.add(item);
      }
    }
    values.add(Markers.longValue(Markers.SEQUENCE, sequence));
    if (v.atLeast(KmipVersion.V2_0)) {
      c.add(AttributeCodec.toAttributes(Tag.ATTRIBUTES, values, v));
      c.addAll(references);
    } else {
      c.addAll(AttributeCodec.toV1List(values, v));
      if (instances.isEmpty()) {
        // an outbox entry written before the instances were kept: index 0 of each
        for (Ttlv r : references) {
          instances.add(deletedInstance(AttributeReferences.decode(r), 0));
        }
      }
      c.addAll(instances);
    }
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, c);
  }

  /** The Put request payload in the form of {@code v}: 2.x Attributes, or 1.x Attribute structures. */
  public static Ttlv putPayload(String uid, String replacedUid, Ttlv object, List<Attribute> attributes, long sequence,
      KmipVersion v) {
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
    if (v.atLeast(KmipVersion.V2_0)) {
      c.add(AttributeCodec.toAttributes(Tag.ATTRIBUTES, attrs, v));
    } else {
      c.addAll(AttributeCodec.toV1List(attrs, v));
    }
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, c);
  }

  /** The Put request payload in its KMIP 2.1 form. */
  public static Ttlv putPayload(String uid, String replacedUid, Ttlv object, List<Attribute> attributes, long sequence) {
    return putPayload(uid, replacedUid, object, attributes, sequence, KmipVersion.V2_1);
  }

  /** A decoded Put: the sequence marker taken out of the attributes. */
  public record Put(String uniqueIdentifier, PutFunction function, String replacedUniqueIdentifier, ObjectType objectType,
      Ttlv object, List<Attribute> attributes, long sequence) {}

  /**
   * A decoded Notify: changed attributes (all values of each); deleted attributes — whole (a 2.x
   * Attribute Reference) or by instance (a 1.x Attribute with its name and index and no value).
   */
  public record Notify(String uniqueIdentifier, Map<String, List<Ttlv>> changed, List<String> deleted,
      Map<String, Set<Integer>> deletedInstances, long sequence) {}

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
    Map<String, Set<Integer>> deletedInstances = new LinkedHashMap<>();
    for (Ttlv a : payload.children(Tag.ATTRIBUTE)) {
      if (a.child(Tag.ATTRIBUTE_VALUE) == null) {
        // KMIP 1.x: "In case an attribute was deleted, the Attribute structure in question SHALL
        // NOT contain the Attribute Value" — the name and index say which instance went.
        String name = Fields.text(Fields.required(a, Tag.ATTRIBUTE_NAME));
        Integer index = AttributeCodec.indexOfV1(a);
        deletedInstances.computeIfAbsent(name, k -> new TreeSet<>()).add(index == null ? 0 : index);
        continue;
      }
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
    return new Notify(uid, changed, deleted, deletedInstances, seq);
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
