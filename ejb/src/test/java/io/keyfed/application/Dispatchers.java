package io.keyfed.application;

import java.util.List;

/** Opens the dispatcher's container-free factory to tests in other packages. */
public final class Dispatchers {

  private Dispatchers() {}

  public static OperationDispatcher of(List<? extends OperationHandler> handlers) {
    return OperationDispatcher.of(handlers);
  }
}
