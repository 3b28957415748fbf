package io.keyfed.application.operation;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.application.federation.InboundQueue;
import io.keyfed.application.federation.Notifications;
import io.keyfed.application.federation.PeerDirectory;
import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.PutFunction;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvWriter;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Put (KMIP 1.4 §5.2, 2.1 §6.2.3). From a federation peer (a server entity, recognised by its
 * certificate) it carries a copy of an object the peer masters: the message is queued for the
 * applying message-driven bean in this transaction and acknowledged; applying is idempotent and
 * ordered per object. From an ordinary client (as in the OASIS case TC-NP-1) it stores the object
 * under the client's Unique Identifier, owned by the client: Put New needs an unused identifier
 * (Object Already Exists otherwise); Put Replace replaces the object named by Replaced Unique
 * Identifier when the client owns it, and is treated as New when that object does not exist.
 */
@Stateless
@Local(OperationHandler.class)
public class PutHandler implements OperationHandler {

  @Inject
  PeerDirectory peers;

  @Inject
  InboundQueue inbound;

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Override
  public Operation operation() {
    return Operation.PUT;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    if (requestPayload == null) {
      throw KmipException.invalidMessage("Put needs a request payload");
    }
    Notifications.Put put = Notifications.readPut(requestPayload);
    ServerEntity peer = io.keyfed.application.ObjectAccess.PEER.equals(ctx.client().channel()) ? peers.named(ctx.client().name()) : null;
    if (peer != null) {
      inbound.enqueue(peer.name(), "PUT", put.uniqueIdentifier(), TtlvWriter.encode(requestPayload));
    } else {
      storeClientPut(put, ctx);
    }
    return Ttlv.structure(io.keyfed.kmip.spec.Tag.RESPONSE_PAYLOAD, List.of());
  }

  private void storeClientPut(Notifications.Put put, RequestContext ctx) {
    if (put.object() == null) {
      throw KmipException.missingData("a Put from a client must carry the object");
    }
    ManagedObject existing = repository.find(put.uniqueIdentifier());
    if (existing != null) {
      throw new KmipException(ResultReason.OBJECT_ALREADY_EXISTS, "an object with Unique Identifier " + put.uniqueIdentifier() + " exists");
    }
    if (put.function() == PutFunction.REPLACE && put.replacedUniqueIdentifier() != null) {
      ManagedObject old = repository.find(put.replacedUniqueIdentifier());
      if (old != null && old.owner() != null && !old.owner().equals(ctx.client().name())) {
        throw KmipException.permissionDenied("object " + put.replacedUniqueIdentifier() + " belongs to another client");
      }
    }
    List<Attribute> attributes = new ArrayList<>();
    for (Attribute a : put.attributes()) {
      // The federation's markers are the servers' to set: a client cannot make its object look
      // like another server's replica.
      if ((a.tag() == null || !ManagedObject.SERVER_MANAGED.contains(a.tag()))
          && !io.keyfed.application.federation.Markers.isMarker(a.name())) {
        attributes.add(a);
      }
    }
    Ttlv object = NewObjects.normaliseRegistered(put.object(), attributes);
    repository.add(ManagedObject.create(put.uniqueIdentifier(), put.objectType(), ctx.client().name(), attributes,
        sealer.seal(put.uniqueIdentifier(), NewObjects.encode(object)), ctx.now()));
    ctx.setIdPlaceholder(put.uniqueIdentifier());
  }
}
