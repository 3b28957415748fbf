package io.keyfed.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.kmip.spec.Operation;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The keyfed.kmip.async.* settings (configuration.md). */
class AsyncSettingsTest {

  @Test
  void defaultsWhenNothingIsSet() {
    AsyncSettings s = AsyncSettings.from(config(Map.of()));
    assertEquals(AsyncSettings.DEFAULT, s);
    assertTrue(s.optional().contains(Operation.LOCATE));
    assertTrue(s.optional().contains(Operation.CREATE_KEY_PAIR));
  }

  @Test
  void operationsAreNamedAsTheSpecificationOrItsXmlEncodingSpellsThem() {
    AsyncSettings s = AsyncSettings.from(config(Map.of(
        "keyfed.kmip.async.operations", "Locate, re-key key pair,CreateKeyPair",
        "keyfed.kmip.async.max-per-client", "3",
        "keyfed.kmip.async.max-total", "9",
        "keyfed.kmip.async.retention-seconds", "60")));
    assertEquals(Set.of(Operation.LOCATE, Operation.RE_KEY_KEY_PAIR, Operation.CREATE_KEY_PAIR), s.optional());
    assertEquals(3, s.maxPerClient());
    assertEquals(9, s.maxTotal());
    assertEquals(Duration.ofSeconds(60), s.retention());
    assertEquals(Set.of(), AsyncSettings.from(config(Map.of("keyfed.kmip.async.operations", "none"))).optional());
  }

  @Test
  void anUnknownOperationNameIsAConfigurationError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AsyncSettings.from(config(Map.of("keyfed.kmip.async.operations", "Locate, Frobnicate"))));
    assertTrue(e.getMessage().contains("Frobnicate"), e.getMessage());
  }

  private static KeyfedConfig config(Map<String, String> values) {
    return new KeyfedConfig() {
      @Override
      public String string(String key, String dflt) {
        return values.getOrDefault(key, dflt);
      }
    };
  }
}
