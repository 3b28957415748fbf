package io.keyfed.application;

import io.keyfed.domain.identity.AccessGrant;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.domain.identity.Role;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.ResultReason;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Finding an object on behalf of a client: it must exist and the client must own it, or hold a
 * grant ({@link AccessGrant}) of the batch item's operation on it or on one of its Object Groups;
 * for most operations it must also be on-line (not archived). A federation peer (channel
 * {@code peer}) may reach the objects that a propagation rule sends it — for Obtain Lease, Get
 * Usage Allocation and the like on its replicas — and nothing else. Anything else is Permission
 * Denied. Operations that need a role ({@link #requireRole}) check it before any object.
 */
public final class ObjectAccess {

  /** The channel of a caller recognised as a federation peer (KmipEndpoint). */
  public static final String PEER = ClientIdentity.PEER_CHANNEL;

  private ObjectAccess() {}

  /** Decides whether a peer may reach an object; implemented by the federation engine. */
  public interface PeerAccess {
    boolean allowed(String peerName, ManagedObject object);

    /**
     * What a peer's Locate searches: one list of Locate attributes per active rule that sends
     * to it (its selector as Object Group, Name, Object Type and attribute conditions); none when
     * no rule sends to it.
     */
    default java.util.List<java.util.List<io.keyfed.kmip.attribute.Attribute>> locateScopes(String peerName) {
      return java.util.List.of();
    }
  }

  public static ManagedObject require(ManagedObjectRepository repository, String uniqueIdentifier, RequestContext ctx) {
    String uid = ctx.resolve(uniqueIdentifier);
    ManagedObject o = repository.find(uid);
    if (o == null) {
      // A partition move took it: its owner is told where (the old server does not forward, so
      // that it can be retired); anyone else learns no more than that it is not here.
      ManagedObjectRepository.MovedAway moved = repository.movedAway(uid);
      if (moved != null && moved.owner() != null && moved.owner().equals(ctx.client().name())) {
        throw new KmipException(ResultReason.OBJECT_NOT_FOUND, "object " + uid + " has moved to server " + moved.server()
            + " (" + moved.address() + "); ask it there");
      }
      throw KmipException.objectNotFound(uid);
    }
    if (!mayReach(ctx, o)) {
      throw new KmipException(ResultReason.PERMISSION_DENIED, "object " + uid + " belongs to another client"
          + (ctx.operation() == null ? "" : " and no grant of " + ctx.operation().specName() + " on it is held"));
    }
    return o;
  }

  /** Whether the caller may reach {@code o} with the current operation: owner, granted, or a peer it is sent to. */
  public static boolean mayReach(RequestContext ctx, ManagedObject o) {
    if (o.owner() == null || o.owner().equals(ctx.client().name())) {
      return true;
    }
    if (PEER.equals(ctx.client().channel())) {
      return peerMayReach(ctx, o);
    }
    return ctx.operation() != null && AccessGrant.anyAllows(ctx.grants(), ctx.operation().specName(), o);
  }

  /**
   * Refuses the request unless the caller has the role: Permission Denied, naming the role.
   */
  public static void requireRole(RequestContext ctx, Role role, String what) {
    if (!ctx.client().hasRole(role)) {
      throw new KmipException(ResultReason.PERMISSION_DENIED, what + " needs the " + role.label() + " role; "
          + ctx.client().name() + " does not have it");
    }
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
