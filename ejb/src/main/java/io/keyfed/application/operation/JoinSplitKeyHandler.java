package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.JoinSplitKeyRequest;
import io.keyfed.kmip.payload.UniqueIdentifierResponse;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Join Split Key (KMIP 1.4 §4.39, 2.1 §6.1.29): joins Split Key objects (at least the threshold
 * of one split) into a new Symmetric Key, Private Key or Secret Data with the request's
 * attributes; the parts are left as they are.
 *
 * <p>Result Reasons: Cryptographic Failure (too few parts, parts of different splits, as the
 * OASIS cases TC-SJ-1 to -4 expect), Invalid Field (an object that is not a Split Key, another
 * Object Type), Object Not Found (Item Not Found in 1.x), Permission Denied, Object Archived, Object Destroyed.
 */
@Stateless
@Local(OperationHandler.class)
public class JoinSplitKeyHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Override
  public Operation operation() {
    return Operation.JOIN_SPLIT_KEY;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    JoinSplitKeyRequest req = JoinSplitKeyRequest.decode(requestPayload);
    ObjectType type = req.objectType();
    if (type != ObjectType.SYMMETRIC_KEY && type != ObjectType.PRIVATE_KEY && type != ObjectType.SECRET_DATA) {
      throw KmipException.invalidField("Join Split Key makes a Symmetric Key, Private Key or Secret Data, not a "
          + type.specName());
    }
    List<String> uids = req.uniqueIdentifiers().isEmpty() ? List.of(ctx.resolve(null)) : req.uniqueIdentifiers();
    ObjectContent content = new ObjectContent(repository, sealer, engine);
    List<Ttlv> parts = new ArrayList<>(uids.size());
    for (String uid : uids) {
      ManagedObject o = ObjectAccess.requireOnline(repository, uid, ctx);
      if (o.objectType() != ObjectType.SPLIT_KEY) {
        throw KmipException.invalidField("object " + uid + " is a " + o.objectType().specName() + ", not a Split Key");
      }
      parts.add(content.plaintext(o, ctx));
    }
    Ttlv joined = engine.splitKeys().join(parts, type);
    if (type == ObjectType.SECRET_DATA && req.secretDataType() != null) {
      List<Ttlv> c = new ArrayList<>();
      for (Ttlv f : joined.children()) {
        c.add(f.is(Tag.SECRET_DATA_TYPE) ? Ttlv.enumeration(Tag.SECRET_DATA_TYPE, req.secretDataType()) : f);
      }
      joined = Ttlv.structure(Tag.SECRET_DATA, c);
    }
    List<Attribute> attributes = NewObjects.clientAttributes(req.attributes());
    Ttlv object = NewObjects.normaliseRegistered(withKeyBlockDefaults(joined, attributes), attributes);
    String uid = NewObjects.newUniqueIdentifier();
    content.store(uid, type, attributes, object, ctx);
    return new UniqueIdentifierResponse(uid).encode();
  }

  /**
   * The Cryptographic Algorithm and Length of the request for a Key Block whose parts had none
   * (split keys registered without them, as in the OASIS cases TC-SJ-3-14/20/21, whose Get of the
   * joined key shows them).
   */
  private static Ttlv withKeyBlockDefaults(Ttlv object, List<Attribute> attributes) {
    Ttlv kb = object.child(Tag.KEY_BLOCK);
    List<Ttlv> c = new ArrayList<>(kb.children());
    boolean changed = false;
    for (Tag t : List.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Tag.CRYPTOGRAPHIC_LENGTH)) {
      Ttlv given = NewObjects.first(attributes, t);
      if (kb.child(t) == null && given != null) {
        int at = c.indexOf(kb.child(Tag.KEY_WRAPPING_DATA));
        c.add(at < 0 ? c.size() : at, given.retag(t));
        changed = true;
      }
    }
    if (!changed) {
      return object;
    }
    List<Ttlv> o = new ArrayList<>();
    for (Ttlv f : object.children()) {
      o.add(f == kb ? Ttlv.structure(Tag.KEY_BLOCK, c) : f);
    }
    return Ttlv.structure(object.tag(), o);
  }
}
