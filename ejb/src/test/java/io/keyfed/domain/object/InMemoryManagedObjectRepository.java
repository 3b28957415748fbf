package io.keyfed.domain.object;

import io.keyfed.application.InMemoryRepository;
import java.time.Clock;

/** The in-memory repository of the handler tests, under its domain-package name. */
public class InMemoryManagedObjectRepository extends InMemoryRepository {

  public InMemoryManagedObjectRepository(Clock clock) {
    super(clock);
  }
}
