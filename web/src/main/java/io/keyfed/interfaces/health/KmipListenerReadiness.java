package io.keyfed.interfaces.health;

import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.interfaces.kmip.KmipTlsListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the KMIP TLS listener is accepting connections (or is disabled by configuration). */
@Readiness
@ApplicationScoped
public class KmipListenerReadiness implements HealthCheck {

  @Inject
  KmipTlsListener listener;

  @Inject
  KeyfedConfig config;

  @Override
  public HealthCheckResponse call() {
    boolean up = !config.kmipEnabled() || listener.listening();
    return HealthCheckResponse.named("kmip-tls")
        .status(up)
        .withData("port", listener.port())
        .withData("connections", listener.openConnections())
        .build();
  }
}
