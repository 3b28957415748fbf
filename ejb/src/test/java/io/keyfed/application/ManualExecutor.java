package io.keyfed.application;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** An executor whose tasks run only when the test says so, on the test's thread. */
public final class ManualExecutor implements Executor {

  private final Queue<Runnable> tasks = new ArrayDeque<>();

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
  }

  /** Runs every task queued so far (and any they queue). */
  public int runAll() {
    int n = 0;
    for (Runnable t; (t = tasks.poll()) != null; n++) {
      t.run();
    }
    return n;
  }

  public int queued() {
    return tasks.size();
  }
}
