package io.keyfed.interfaces.kmip;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Bounds the time to receive a whole message, not just each read: a socket timeout alone lets a
 * slow-loris client keep a connection (and its thread) forever by sending one byte just before
 * each timeout. Before every read, the socket's timeout is set to what remains of the deadline.
 */
final class DeadlineInputStream extends FilterInputStream {

  private final Socket socket;
  private long deadlineNanos = Long.MAX_VALUE;
  private int idleTimeoutMillis;

  DeadlineInputStream(Socket socket, InputStream in) {
    super(in);
    this.socket = socket;
  }

  /** Waiting for the first byte of a message: the idle timeout applies. */
  void awaitMessage(int idleTimeoutMillis) {
    this.idleTimeoutMillis = idleTimeoutMillis;
    this.deadlineNanos = Long.MAX_VALUE;
  }

  /** A message has started: the rest of it must arrive within {@code millis}. */
  void messageStarted(long millis) {
    this.deadlineNanos = System.nanoTime() + millis * 1_000_000L;
  }

  private void arm() throws IOException {
    if (deadlineNanos == Long.MAX_VALUE) {
      socket.setSoTimeout(idleTimeoutMillis);
      return;
    }
    long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
    if (left <= 0) {
      throw new SocketTimeoutException("message not received in time");
    }
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
  }

  @Override
  public int read() throws IOException {
    arm();
    return super.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    arm();
    return super.read(b, off, len);
  }
}
