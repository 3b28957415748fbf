package io.keyfed.application;

import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.ResultReason;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Finding an object on behalf of a client: it must exist and the client must own it; for most
 * operations it must also be on-line (not archived). A federation peer (channel {@code peer}) may
 * reach the objects that a propagation rule sends it — for Obtain Lease, Get Usage Allocation and
 * the like on its replicas — and nothing else.
 */
public final class ObjectAccess {

  /** The channel of a caller recognised as a federation peer (KmipEndpoint). */
  public static final String PEER = "peer";

  private ObjectAccess() {}

  /** Decides whether a peer may reach an object; implemented by the federation engine. */
  public interface PeerAccess {
    boolean allowed(String peerName, ManagedObject object);
  }

  public static ManagedObject require(ManagedObjectRepository repository, String uniqueIdentifier, RequestContext ctx) {
    String uid = ctx.resolve(uniqueIdentifier);
    ManagedObject o = repository.find(uid);
    if (o == null) {
      throw KmipException.objectNotFound(uid);
    }
    if (o.owner() != null && !o.owner().equals(ctx.client().name()) && !peerMayReach(ctx, o)) {
      throw new KmipException(ResultReason.PERMISSION_DENIED, "object " + uid + " belongs to another client");
    }
    return o;
  }

  private static boolean peerMayReach(RequestContext ctx, ManagedObject o) {
    if (!PEER.equals(ctx.client().channel())) {
      return false;
    }
    return CDI.current().select(PeerAccess.class).get().allowed(ctx.client().name(), o);
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
