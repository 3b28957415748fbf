package io.keyfed.infrastructure.crypto;

import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * The server's one {@link CryptoEngine}, made when the application starts using it and kept for
 * the application's life: its stream registry holds the state of streamed Encrypt, Sign, MAC,
 * Hash, ... operations between the requests of a stream, so every handler instance must see the
 * same registry. The engine is a final class (not proxyable), so it is produced {@code @Dependent}
 * from this application-scoped bean, which always hands out the same instance.
 */
@ApplicationScoped
public class CryptoEngineProducer {

  private final CryptoEngine engine = CryptoEngine.create();

  @Produces
  @Dependent
  CryptoEngine cryptoEngine() {
    return engine;
  }
}
