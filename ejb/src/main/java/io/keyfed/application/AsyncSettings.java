package io.keyfed.application;

import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.kmip.spec.Operation;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How asynchronous operations are run and kept.
 *
 * @param optional the operations answered Operation Pending when the client allows it (1.x
 *     Asynchronous Indicator True, 2.x Optional); with Mandatory every operation is
 * @param maxPerClient most asynchronous items one client may have at once (running, or done and
 *     not yet collected)
 * @param maxTotal the same for all clients together
 * @param retention how long a finished item's result stays available to Poll
 * @param cancelWait how long a Cancel waits for an item that is committing
 */
public record AsyncSettings(Set<Operation> optional, int maxPerClient, int maxTotal, Duration retention,
    Duration cancelWait) {

  /**
   * The operations whose time grows with things the client cannot see — the size of the database
   * (Locate), key generation (Create Key Pair, Re-key Key Pair, RSA 4096 takes seconds), a CA
   * (Certify, Re-certify), derivation with high iteration counts (Derive Key), offline storage
   * (Archive, Recover) — and that the OASIS 1.x test cases run asynchronously (TC-3.2 Asynchronous
   * Locate, TC-10.1 Archive and Recover).
   */
  public static final Set<Operation> DEFAULT_OPTIONAL = Collections.unmodifiableSet(EnumSet.of(
      Operation.LOCATE, Operation.CREATE_KEY_PAIR, Operation.RE_KEY_KEY_PAIR, Operation.DERIVE_KEY,
      Operation.CERTIFY, Operation.RE_CERTIFY, Operation.ARCHIVE, Operation.RECOVER));

  public static final AsyncSettings DEFAULT =
      new AsyncSettings(DEFAULT_OPTIONAL, 500, 5000, Duration.ofMinutes(10), Duration.ofSeconds(10));

  public AsyncSettings {
    optional = optional.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(optional));
    if (maxPerClient < 0 || maxTotal < 0) {
      throw new IllegalArgumentException("asynchronous operation limits must not be negative");
    }
  }

  /** From {@code keyfed.kmip.async.*} (configuration.md). */
  public static AsyncSettings from(KeyfedConfig config) {
    String names = config.string("keyfed.kmip.async.operations", null);
    Set<Operation> ops = names == null ? DEFAULT_OPTIONAL : operations(names);
    return new AsyncSettings(ops,
        config.integer("keyfed.kmip.async.max-per-client", DEFAULT.maxPerClient()),
        config.integer("keyfed.kmip.async.max-total", DEFAULT.maxTotal()),
        Duration.ofSeconds(config.integer("keyfed.kmip.async.retention-seconds", (int) DEFAULT.retention().toSeconds())),
        DEFAULT.cancelWait());
  }

  /** A comma-separated list of operation names, as the specification or its XML encoding spells them; "none" for none. */
  static Set<Operation> operations(String csv) {
    return OperationNames.parse("keyfed.kmip.async.operations", csv);
  }

}
