package io.keyfed.infrastructure.jms;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.federation.InboundApplier;
import io.keyfed.application.federation.InboundChange;
import io.keyfed.application.federation.Lanes;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.List;

/**
 * Applies peers' Put and Notify messages (unsealed: see {@link JmsFederationQueues}). A message
 * carries the changes of one request message of a peer (one change when it was queued by an
 * earlier version); {@link InboundApplier} applies them in one transaction of their own, and the
 * message is consumed in the listener's. A message with a change that cannot be applied is rethrown,
 * redelivered (the changes already applied are then skipped as repeats), and finally moved to the
 * broker's dead-letter queue, which {@code GET /api/federation/inbound-dead-letters} shows.
 *
 * <p>One message-driven bean per {@link Lanes lane} ({@link InboundLane0} to {@link InboundLane3}),
 * each a single session that selects its lane's messages by the property {@code lane}: an object's
 * changes are applied in the order they arrived, and the lanes are applied in parallel. (One bean
 * with several sessions would not do: the resource adapter hands messages to whichever session is
 * free, and a Notify could be applied beside the Put it follows.) Lane 0 also takes messages
 * without the property, queued by an earlier version.
 */
public abstract class InboundConsumer implements MessageListener {

  /** The selector of lane {@code n}'s bean: a constant expression, as annotations need. */
  static final String LANE_0 = "lane IS NULL OR lane = 0";
  static final String LANE_1 = "lane = 1";
  static final String LANE_2 = "lane = 2";
  static final String LANE_3 = "lane = 3";

  @Inject
  InboundApplier applier;

  @Inject
  ObjectSealer sealer;

  @Override
  public void onMessage(Message message) {
    try {
      if (!(message instanceof BytesMessage bm) || !bm.propertyExists("origin") || !bm.propertyExists("kind")) {
        throw new IllegalArgumentException("not a federation message: " + message.getJMSMessageID());
      }
      long length = bm.getBodyLength();
      if (length > 64L * 1024 * 1024) {
        throw new IllegalArgumentException("federation message of " + length + " bytes");
      }
      byte[] body = new byte[(int) length];
      bm.readBytes(body);
      boolean several = bm.propertyExists("changes");
      // The identifiers the body was sealed for, one per line (one change when an earlier version queued it).
      String uids = bm.getStringProperty("uid");
      if (bm.propertyExists("sealed") && bm.getBooleanProperty("sealed")) {
        body = sealer.unseal(JmsFederationQueues.sealedFor(uids), body);
      }
      List<InboundChange> changes = several ? InboundMessages.decode(body)
          : List.of(new InboundChange(bm.getStringProperty("kind"), uids, body));
      applier.apply(bm.getStringProperty("origin"), changes);
    } catch (JMSException e) {
      throw new IllegalStateException("unreadable federation message", e);
    }
  }
}
