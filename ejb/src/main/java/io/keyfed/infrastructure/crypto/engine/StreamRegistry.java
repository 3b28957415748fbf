package io.keyfed.infrastructure.crypto.engine;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of streamed cryptographic operations between requests, found by Correlation Value.
 *
 * <p>Bounded twice, so that clients that open streams and never finish them cannot exhaust the
 * heap: at most {@code maxStreams} open streams (a further Init Indicator is Server Limit
 * Exceeded), and a stream untouched for {@code idleTimeout} is dropped (its Correlation Value is
 * then unknown). States that must buffer data (RSA, Ed25519) are also limited in bytes, by
 * {@link #maxBufferedBytes()}.
 *
 * <p>A Correlation Value is 16 random bytes and is bound to the operation and the Unique
 * Identifier that opened it: holding it is what lets a request continue the stream, so it is
 * unguessable, and it cannot be replayed against another operation or key.
 *
 * <p>A stream is taken out of the registry while a request works on it and put back afterwards:
 * two concurrent requests on one Correlation Value cannot interleave (the second finds it
 * unknown). The state lives in this JVM only; on a cluster, a client must stay on one instance
 * for the length of a stream.
 *
 * <p>Thread-safe.
 */
public final class StreamRegistry {

  public static final int DEFAULT_MAX_STREAMS = 1024;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
  public static final int DEFAULT_MAX_BUFFERED_BYTES = 1 << 20;

  private static final int CORRELATION_VALUE_BYTES = 16;

  private final int maxStreams;
  private final Duration idleTimeout;
  private final int maxBufferedBytes;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<Key, Entry> streams = new ConcurrentHashMap<>();

  public StreamRegistry(int maxStreams, Duration idleTimeout, int maxBufferedBytes, Clock clock, SecureRandom random) {
    if (maxStreams < 1 || idleTimeout.isNegative() || idleTimeout.isZero() || maxBufferedBytes < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    this.maxStreams = maxStreams;
    this.idleTimeout = idleTimeout;
    this.maxBufferedBytes = maxBufferedBytes;
    this.clock = Objects.requireNonNull(clock);
    this.random = Objects.requireNonNull(random);
  }

  /** 1024 streams, 10 minutes idle, 1 MiB buffered per stream. */
  public static StreamRegistry withDefaults(SecureRandom random) {
    return new StreamRegistry(DEFAULT_MAX_STREAMS, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_BUFFERED_BYTES,
        Clock.systemUTC(), random);
  }

  public int maxBufferedBytes() {
    return maxBufferedBytes;
  }

  /** Open streams, expired ones included until the next purge. */
  public int size() {
    return streams.size();
  }

  /** Drops the streams idle for longer than the timeout; returns how many. Also runs on every {@link #open}. */
  public int purgeExpired() {
    Instant now = clock.instant();
    int n = 0;
    for (Iterator<Entry> it = streams.values().iterator(); it.hasNext(); ) {
      if (it.next().expired(now)) {
        it.remove();
        n++;
      }
    }
    return n;
  }

  /** Keeps a new stream's state; returns its new Correlation Value. */
  byte[] open(String operation, String uniqueIdentifier, Object state) {
    purgeExpired();
    if (streams.size() >= maxStreams) {
      throw Failures.serverLimit("too many open streamed operations (at most " + maxStreams
          + "); finish some with Final Indicator");
    }
    byte[] cv = new byte[CORRELATION_VALUE_BYTES];
    Key key;
    do {
      random.nextBytes(cv);
      key = new Key(cv.clone());
    } while (streams.putIfAbsent(key, new Entry(operation, uniqueIdentifier, state, deadline())) != null);
    return cv;
  }

  /**
   * Takes the state of a stream out for one request; {@link #putBack} it unless the request ends
   * the stream. Unknown, expired, or opened by another operation or object: Invalid Field.
   */
  <T> T take(byte[] correlationValue, String operation, String uniqueIdentifier, Class<T> type) {
    Key key = new Key(correlationValue.clone());
    Entry e = streams.remove(key);
    if (e == null || e.expired(clock.instant())) {
      throw Failures.unknownCorrelationValue();
    }
    if (!e.operation.equals(operation) || !Objects.equals(e.uniqueIdentifier, uniqueIdentifier)
        || !type.isInstance(e.state)) {
      streams.putIfAbsent(key, e);
      throw Failures.unknownCorrelationValue();
    }
    return type.cast(e.state);
  }

  /** Returns a taken stream's state under its Correlation Value, with a fresh idle deadline. */
  void putBack(byte[] correlationValue, String operation, String uniqueIdentifier, Object state) {
    streams.put(new Key(correlationValue.clone()), new Entry(operation, uniqueIdentifier, state, deadline()));
  }

  private Instant deadline() {
    return clock.instant().plus(idleTimeout);
  }

  private record Entry(String operation, String uniqueIdentifier, Object state, Instant deadline) {
    boolean expired(Instant now) {
      return now.isAfter(deadline);
    }
  }

  private record Key(byte[] value) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(value, k.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Key[" + value.length + " bytes]";
    }
  }
}
