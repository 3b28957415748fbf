package io.keyfed.kmip.payload;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectGroupMember;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Locate request (KMIP 1.4 §4.9, 2.1 §6.1.31): paging (Maximum Items, Offset Items), Storage Status
 * Mask, Object Group Member, and the attributes to match: Attribute structures directly in the
 * payload in 1.x, an Attributes structure in 2.x.
 */
public record LocateRequest(
    Integer maximumItems,
    Integer offsetItems,
    Integer storageStatusMask,
    ObjectGroupMember objectGroupMember,
    List<Attribute> attributes) {

  public static LocateRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    List<Attribute> attrs = new ArrayList<>();
    Ttlv v2 = p.child(Tag.ATTRIBUTES);
    if (v2 != null) {
      attrs.addAll(AttributeCodec.fromAttributes(v2));
    }
    for (Ttlv a : p.children(Tag.ATTRIBUTE)) {
      attrs.add(AttributeCodec.fromV1(a));
    }
    return new LocateRequest(
        Fields.optionalInteger(p, Tag.MAXIMUM_ITEMS),
        Fields.optionalInteger(p, Tag.OFFSET_ITEMS),
        Fields.optionalInteger(p, Tag.STORAGE_STATUS_MASK),
        Fields.optionalEnum(p, Tag.OBJECT_GROUP_MEMBER, ObjectGroupMember::fromValue),
        attrs);
  }

  public Ttlv encode(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>();
    Payloads.addInt(c, Tag.MAXIMUM_ITEMS, maximumItems);
    if (offsetItems != null && v.atLeast(KmipVersion.V1_3)) {
      c.add(Ttlv.integer(Tag.OFFSET_ITEMS, offsetItems));
    }
    Payloads.addInt(c, Tag.STORAGE_STATUS_MASK, storageStatusMask);
    if (objectGroupMember != null) {
      c.add(Ttlv.enumeration(Tag.OBJECT_GROUP_MEMBER, objectGroupMember));
    }
    if (v.atLeast(KmipVersion.V2_0)) {
      c.add(AttributeCodec.toAttributes(Tag.ATTRIBUTES, attributes, v));
    } else {
      c.addAll(AttributeCodec.toV1List(attributes, v));
    }
    return Payloads.request(c);
  }
}
