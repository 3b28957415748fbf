package io.keyfed.application.operation;

import io.keyfed.application.AsynchronousOperations;

/** Poll and Cancel wired to a table of asynchronous operations, for plain tests in other packages. */
public final class AsyncHandlers {

  private AsyncHandlers() {}

  public static PollHandler poll(AsynchronousOperations operations) {
    PollHandler h = new PollHandler();
    h.operations = operations;
    return h;
  }

  public static CancelHandler cancel(AsynchronousOperations operations) {
    CancelHandler h = new CancelHandler();
    h.operations = operations;
    return h;
  }
}
