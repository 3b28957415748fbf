package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.GetRequest;
import io.keyfed.kmip.payload.GetResponse;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.KeyWrapType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Get (KMIP 1.4 §4.11, 2.1 §6.1.24): returns the object, converting a symmetric key between Raw
 * and Transparent Symmetric Key when asked; the object is then no longer Fresh. Result Reasons: Item Not Found, Permission Denied
 * (another owner's object), Object Destroyed (Item Not Found for 1.x), Key Format Type Not
 * Supported, Feature Not Supported (wrapping, compression: not yet).
 */
@Stateless
@Local(OperationHandler.class)
public class GetHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Override
  public Operation operation() {
    return Operation.GET;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    GetRequest req = GetRequest.decode(requestPayload);
    ManagedObject o = ObjectAccess.require(repository, req.uniqueIdentifier(), ctx);
    if (req.keyWrappingSpecification() != null) {
      throw KmipException.featureNotSupported("Get with a Key Wrapping Specification is not supported yet");
    }
    if (req.keyCompressionType() != null) {
      throw new KmipException(ResultReason.KEY_COMPRESSION_TYPE_NOT_SUPPORTED, "key compression is not supported");
    }
    if (req.keyWrapType() != null && req.keyWrapType() != KeyWrapType.NOT_WRAPPED && req.keyWrapType() != KeyWrapType.AS_REGISTERED) {
      throw KmipException.invalidField("unknown Key Wrap Type");
    }
    Ttlv object;
    try {
      object = new TtlvReader().read(sealer.unseal(o.uniqueIdentifier(), o.sealedObject()));
    } catch (TtlvException e) {
      throw new IllegalStateException("stored object " + o.uniqueIdentifier() + " is corrupt", e);
    }
    if (req.keyFormatType() != null) {
      object = KeyFormats.convert(object, req.keyFormatType());
    }
    o.markServed(ctx.now());
    ctx.setIdPlaceholder(o.uniqueIdentifier());
    return new GetResponse(o.objectType(), o.uniqueIdentifier(), object).encode();
  }

  /** Key Format Type conversions (KMIP 1.4 §2.1.3, §9.1.3.2.3). */
  static final class KeyFormats {

    private KeyFormats() {}

    static Ttlv convert(Ttlv object, KeyFormatType wanted) {
      Ttlv kb = object.child(Tag.KEY_BLOCK);
      if (kb == null) {
        throw new KmipException(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, "this object has no Key Block to format");
      }
      KeyFormatType have = KeyFormatType.fromValue(kb.child(Tag.KEY_FORMAT_TYPE).asInt());
      if (have == wanted) {
        return object;
      }
      Ttlv kv = kb.child(Tag.KEY_VALUE);
      Ttlv material = kv == null ? null : kv.child(Tag.KEY_MATERIAL);
      Ttlv newMaterial = null;
      if (object.is(Tag.SYMMETRIC_KEY) && material != null) {
        if (have == KeyFormatType.RAW && wanted == KeyFormatType.TRANSPARENT_SYMMETRIC_KEY) {
          newMaterial = Ttlv.structure(Tag.KEY_MATERIAL, Ttlv.bytes(Tag.KEY, material.asBytes()));
        } else if (have == KeyFormatType.TRANSPARENT_SYMMETRIC_KEY && wanted == KeyFormatType.RAW && material.isStructure()) {
          newMaterial = Ttlv.bytes(Tag.KEY_MATERIAL, material.child(Tag.KEY).asBytes());
        }
      }
      if (newMaterial == null) {
        throw new KmipException(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
            "cannot convert " + have.specName() + " to " + wanted.specName());
      }
      List<Ttlv> newKv = new ArrayList<>();
      for (Ttlv c : kv.children()) {
        newKv.add(c == material ? newMaterial : c);
      }
      List<Ttlv> newKb = new ArrayList<>();
      for (Ttlv c : kb.children()) {
        if (c.is(Tag.KEY_FORMAT_TYPE)) {
          newKb.add(Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, wanted));
        } else if (c == kv) {
          newKb.add(Ttlv.structure(Tag.KEY_VALUE, newKv));
        } else {
          newKb.add(c);
        }
      }
      List<Ttlv> obj = new ArrayList<>();
      for (Ttlv c : object.children()) {
        obj.add(c == kb ? Ttlv.structure(Tag.KEY_BLOCK, newKb) : c);
      }
      return Ttlv.structure(object.tag(), obj);
    }
  }
}
