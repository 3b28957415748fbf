package io.keyfed.infrastructure.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.keyfed.application.federation.Lanes;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One single-session bean per lane, selecting that lane: otherwise a lane's messages would wait forever, or be applied out of order. */
class InboundLanesTest {

  @Test
  void everyLaneHasItsOwnSingleSessionConsumer() throws ClassNotFoundException {
    for (int lane = 0; lane < Lanes.COUNT; lane++) {
      Class<?> bean = Class.forName(InboundConsumer.class.getPackageName() + ".InboundLane" + lane);
      MessageDriven md = bean.getAnnotation(MessageDriven.class);
      assertNotNull(md, bean + " is a message-driven bean");
      Map<String, String> config = new HashMap<>();
      for (ActivationConfigProperty p : md.activationConfig()) {
        config.put(p.propertyName(), p.propertyValue());
      }
      assertEquals("1", config.get("maxSessions"), bean.getSimpleName());
      assertEquals(JmsResources.INBOUND_QUEUE_NAME, config.get("destination"));
      String selector = config.get("messageSelector");
      assertEquals(lane == 0 ? "lane IS NULL OR lane = 0" : "lane = " + lane, selector, bean.getSimpleName());
    }
  }
}
