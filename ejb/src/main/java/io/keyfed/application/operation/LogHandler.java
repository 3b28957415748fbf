package io.keyfed.application.operation;

import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.kmip.payload.LogRequest;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import java.util.logging.Logger;

/**
 * Log (KMIP 2.0 and 2.1 §6.1, Log operation): the client asks the server to write its Log Message to the server's
 * log. Keyfed writes it at INFO to the logger {@value #LOGGER}, with the client's identity and
 * channel; the operation itself is audited like every other. The message is client text: control
 * characters are escaped (no forged log lines) and it is cut at {@value #MAX_CHARS} characters.
 * Result Reasons: Invalid Message (no Log Message), Invalid Field (not a Text String).
 */
@Stateless
@Local(OperationHandler.class)
public class LogHandler implements OperationHandler {

  public static final String LOGGER = "io.keyfed.client-log";
  static final int MAX_CHARS = 4096;

  private static final Logger LOG = Logger.getLogger(LOGGER);

  @Override
  public Operation operation() {
    return Operation.LOG;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    String message = LogRequest.decode(requestPayload).logMessage();
    LOG.info(() -> "client " + ctx.client().name() + " (" + ctx.client().channel() + "): " + printable(message));
    return LogRequest.encodeResponse();
  }

  /** The message with control characters escaped, at most {@link #MAX_CHARS} characters of it. */
  static String printable(String message) {
    StringBuilder b = new StringBuilder(Math.min(message.length(), MAX_CHARS) + 16);
    int n = 0;
    for (int i = 0; i < message.length() && n < MAX_CHARS; i = message.offsetByCodePoints(i, 1), n++) {
      int cp = message.codePointAt(i);
      if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
        b.append(String.format("\\u%04x", cp));
      } else {
        b.appendCodePoint(cp);
      }
    }
    if (n == MAX_CHARS && message.codePointCount(0, message.length()) > MAX_CHARS) {
      b.append("... (cut)");
    }
    return b.toString();
  }
}
