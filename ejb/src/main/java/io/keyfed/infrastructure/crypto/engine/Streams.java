package io.keyfed.infrastructure.crypto.engine;

import java.util.function.Supplier;

/** The Init Indicator / Correlation Value / Final Indicator bookkeeping that every streamed operation shares. */
final class Streams {

  private Streams() {}

  /** The state to work on: a continued stream's, taken from the registry, or a new one. */
  static <S> S begin(StreamRegistry registry, Streaming step, String operation, String uid, Class<S> type,
      Supplier<S> open) {
    if (step.continues()) {
      return registry.take(step.correlationValue(), operation, uid, type);
    }
    return open.get();
  }

  /**
   * After a request's part is done: keeps the state unless the request ended the operation, and
   * returns the Correlation Value for the response (null when the operation ended).
   */
  static byte[] end(StreamRegistry registry, Streaming step, String operation, String uid, Object state) {
    if (step.ends()) {
      return null;
    }
    if (step.continues()) {
      registry.putBack(step.correlationValue(), operation, uid, state);
      return step.correlationValue();
    }
    return registry.open(operation, uid, state);
  }

  /** Guards a state that buffers its input: at most the registry's byte limit per stream. */
  static void checkBuffer(StreamRegistry registry, long buffered) {
    if (buffered > registry.maxBufferedBytes()) {
      throw Failures.serverLimit("this operation buffers its data until the Final Indicator; at most "
          + registry.maxBufferedBytes() + " bytes");
    }
  }
}
