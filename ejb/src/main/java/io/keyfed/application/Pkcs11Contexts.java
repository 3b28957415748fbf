package io.keyfed.application;

import io.keyfed.infrastructure.crypto.Random;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PKCS#11 contexts clients have opened through the KMIP PKCS#11 operation: C_Initialize opens
 * one and its Correlation Value names it, C_Finalize closes it. A context belongs to the client
 * that opened it (another client's Correlation Value names nothing). It lives in this server's
 * memory: it ends with the server, after {@link #IDLE} without use, and a client holds at most
 * {@link #MAX_PER_CLIENT} (opening one more ends its oldest).
 */
@ApplicationScoped
public class Pkcs11Contexts {

  static final Duration IDLE = Duration.ofHours(1);
  static final int MAX_PER_CLIENT = 16;
  private static final int CORRELATION_BYTES = 16;

  /** Per client, its contexts by Correlation Value (hex), the oldest first. */
  private final Map<String, Deque<Context>> byClient = new ConcurrentHashMap<>();

  private record Context(String id, Instant[] lastUse) {}

  /** Opens a context for this client and returns its Correlation Value. */
  public byte[] open(String client, Instant now) {
    byte[] cv = Random.bytes(CORRELATION_BYTES);
    Deque<Context> mine = byClient.computeIfAbsent(client, k -> new ArrayDeque<>());
    synchronized (mine) {
      expire(mine, now);
      while (mine.size() >= MAX_PER_CLIENT) {
        mine.removeFirst();
      }
      mine.addLast(new Context(HexFormat.of().formatHex(cv), new Instant[] {now}));
    }
    return cv;
  }

  /** Whether this Correlation Value names an open context of this client (and marks it used). */
  public boolean use(String client, byte[] correlationValue, Instant now) {
    Context c = find(client, correlationValue, now, false);
    return c != null;
  }

  /** Closes the context this Correlation Value names; false if there is none. */
  public boolean close(String client, byte[] correlationValue, Instant now) {
    return find(client, correlationValue, now, true) != null;
  }

  private Context find(String client, byte[] correlationValue, Instant now, boolean remove) {
    if (correlationValue == null) {
      return null;
    }
    Deque<Context> mine = byClient.get(client);
    if (mine == null) {
      return null;
    }
    String id = HexFormat.of().formatHex(correlationValue);
    synchronized (mine) {
      expire(mine, now);
      for (var it = mine.iterator(); it.hasNext(); ) {
        Context c = it.next();
        if (c.id().equals(id)) {
          if (remove) {
            it.remove();
          } else {
            c.lastUse()[0] = now;
          }
          return c;
        }
      }
    }
    return null;
  }

  private static void expire(Deque<Context> mine, Instant now) {
    mine.removeIf(c -> c.lastUse()[0].plus(IDLE).isBefore(now));
  }
}
