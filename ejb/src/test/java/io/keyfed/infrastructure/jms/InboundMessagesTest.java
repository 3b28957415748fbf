package io.keyfed.infrastructure.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.application.federation.InboundChange;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The body of an inbound message of several changes, written and read back. */
class InboundMessagesTest {

  @Test
  void changesComeBackInTheirOrder() {
    List<InboundChange> changes = List.of(new InboundChange("PUT", "a-1", new byte[] {1, 2, 3}),
        new InboundChange("NOTIFY", "a-1", new byte[0]), new InboundChange("PUT", "ünïcode-2", new byte[] {9}));
    byte[] body = InboundMessages.encode(changes);
    List<InboundChange> back = InboundMessages.decode(body);
    assertEquals(3, back.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(changes.get(i).kind(), back.get(i).kind());
      assertEquals(changes.get(i).uniqueIdentifier(), back.get(i).uniqueIdentifier());
      assertArrayEquals(changes.get(i).payload(), back.get(i).payload());
    }
    assertTrue(changes.stream().mapToInt(InboundMessages::size).sum() >= body.length - 4, "size() does not undercount");
  }

  @Test
  void aTruncatedOrPaddedBodyIsRefused() {
    byte[] body = InboundMessages.encode(List.of(new InboundChange("PUT", "x", new byte[] {1, 2, 3})));
    assertThrows(IllegalArgumentException.class, () -> InboundMessages.decode(Arrays.copyOf(body, body.length - 1)));
    assertThrows(IllegalArgumentException.class, () -> InboundMessages.decode(Arrays.copyOf(body, body.length + 1)));
    assertThrows(IllegalArgumentException.class, () -> InboundMessages.decode(new byte[] {0x7f, 0, 0, 0}));
  }
}
