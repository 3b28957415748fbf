package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.List;

/** Get response: object type, identifier and the object's structure. */
public record GetResponse(ObjectType objectType, String uniqueIdentifier, Ttlv object) {

  public static GetResponse decode(Ttlv p) {
    ObjectType type = Fields.enumeration(Fields.required(p, Tag.OBJECT_TYPE), ObjectType::fromValue);
    Ttlv object = p.child(ManagedObjects.tagOf(type));
    if (object == null) {
      throw KmipException.invalidMessage("Get response without its " + type.specName() + " object");
    }
    return new GetResponse(type, Fields.text(Fields.required(p, Tag.UNIQUE_IDENTIFIER)), object);
  }

  public Ttlv encode() {
    return Payloads.response(List.of(
        Ttlv.enumeration(Tag.OBJECT_TYPE, objectType),
        Ttlv.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier),
        object));
  }
}
