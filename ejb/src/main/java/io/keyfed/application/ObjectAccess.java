package io.keyfed.application;

import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.ResultReason;

/**
 * Finding an object on behalf of a client: it must exist and the client must own it; for most
 * operations it must also be on-line (not archived).
 */
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

  /**
   * As {@link #require}, and the object must be on-line: an archived object (KMIP 1.4 §4.23)
   * answers Object Archived to everything but Recover, Get Attributes, Get Attribute List, Locate
   * and Destroy until it is recovered.
   */
  public static ManagedObject requireOnline(ManagedObjectRepository repository, String uniqueIdentifier,
      RequestContext ctx) {
    ManagedObject o = require(repository, uniqueIdentifier, ctx);
    if (o.isArchived()) {
      throw new KmipException(ResultReason.OBJECT_ARCHIVED,
          "object " + o.uniqueIdentifier() + " is archived; Recover it first");
    }
    return o;
  }
}
