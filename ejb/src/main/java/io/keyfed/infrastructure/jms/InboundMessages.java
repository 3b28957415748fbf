package io.keyfed.infrastructure.jms;

import io.keyfed.application.federation.InboundChange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of an inbound message that carries several changes (before it is sealed): the number
 * of changes, then for each its kind, Unique Identifier and payload, each as a length and bytes.
 * Text is UTF-8. A message queued by an earlier version carries one change and its payload alone.
 */
final class InboundMessages {

  /** Beyond this many bytes a run of changes is queued as several messages (the consumer refuses 64 MiB). */
  static final int MAX_BODY = 4 * 1024 * 1024;

  private InboundMessages() {}

  static byte[] encode(List<InboundChange> changes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * changes.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(changes.size());
      for (InboundChange c : changes) {
        write(out, c.kind().getBytes(StandardCharsets.UTF_8));
        write(out, c.uniqueIdentifier().getBytes(StandardCharsets.UTF_8));
        write(out, c.payload());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e); // not with a byte array
    }
    return bytes.toByteArray();
  }

  static List<InboundChange> decode(byte[] body) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
      int n = in.readInt();
      if (n < 0 || n > body.length) {
        throw new IllegalArgumentException("inbound message with " + n + " changes in " + body.length + " bytes");
      }
      List<InboundChange> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String kind = new String(read(in, body.length), StandardCharsets.UTF_8);
        String uid = new String(read(in, body.length), StandardCharsets.UTF_8);
        out.add(new InboundChange(kind, uid, read(in, body.length)));
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException("inbound message with " + in.available() + " bytes after its changes");
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated inbound message: " + e.getMessage(), e);
    }
  }

  /** The encoded size of one change (the length fields included). */
  static int size(InboundChange c) {
    return 12 + c.kind().length() * 3 + c.uniqueIdentifier().length() * 3 + c.payload().length;
  }

  private static void write(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] read(DataInputStream in, int limit) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > limit) {
      throw new IOException("field of " + n + " bytes");
    }
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new IOException("field of " + n + " bytes, " + b.length + " there");
    }
    return b;
  }
}
