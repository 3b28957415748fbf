package io.keyfed.application.operation;

import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.application.federation.InboundQueue;
import io.keyfed.application.federation.Notifications;
import io.keyfed.application.federation.PeerDirectory;
import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvWriter;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Notify (KMIP 1.4 §5.1, 2.1 §6.2.2): a master's changes to an object (attributes added,
 * modified or deleted; lifecycle changes as State and dates), sent by a federation peer; queued
 * in this transaction for the applying message-driven bean. Notify is a server's message: from an
 * ordinary client it gets Permission Denied.
 */
@Stateless
@Local(OperationHandler.class)
public class NotifyHandler implements OperationHandler {

  @Inject
  PeerDirectory peers;

  @Inject
  InboundQueue inbound;

  @Override
  public Operation operation() {
    return Operation.NOTIFY;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    ServerEntity peer = io.keyfed.application.ObjectAccess.PEER.equals(ctx.client().channel()) ? peers.named(ctx.client().name()) : null;
    if (peer == null) {
      throw KmipException.permissionDenied("Notify is accepted from federation peers only");
    }
    if (requestPayload == null) {
      throw KmipException.invalidMessage("Notify needs a request payload");
    }
    Notifications.Notify n = Notifications.readNotify(requestPayload);
    inbound.enqueue(peer.name(), "NOTIFY", n.uniqueIdentifier(), TtlvWriter.encode(requestPayload));
    return Ttlv.structure(Tag.RESPONSE_PAYLOAD, List.of());
  }
}
