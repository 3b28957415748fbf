package io.keyfed.application;

import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.ResultReason;

/** Finding an object on behalf of a client: it must exist and the client must own it. */
public final class ObjectAccess {

  private ObjectAccess() {}

  public static ManagedObject require(ManagedObjectRepository repository, String uniqueIdentifier, RequestContext ctx) {
    String uid = ctx.resolve(uniqueIdentifier);
    ManagedObject o = repository.find(uid);
    if (o == null) {
      throw KmipException.itemNotFound(uid);
    }
    if (o.owner() != null && !o.owner().equals(ctx.client().name())) {
      throw new KmipException(ResultReason.PERMISSION_DENIED, "object " + uid + " belongs to another client");
    }
    return o;
  }
}
