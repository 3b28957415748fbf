package io.keyfed.application;

import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.message.ResponseHeader;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.ttlv.Ttlv;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Maximum Response Size (KMIP 1.4 §6.3; the same Request Header field in 2.x): a response that
 * would be larger is answered with Result Reason Response Too Large. The server's own largest
 * message ({@code keyfed.kmip.max-message-bytes}) binds responses the same way, as it binds
 * requests; the smaller of the two applies.
 *
 * <p>The size is that of the TTLV encoding, the message's canonical form; a response sent as XML
 * or JSON is measured by its TTLV equivalent. The OASIS cases ask this of a one-item Query
 * (MSGENC-HTTPS-M-1-14 and -21, TC-12.1 "Query, Maximum Response Size": {@code Operation Failed /
 * Response Too Large} in place of the payload). With several items, the largest payloads are
 * replaced, one at a time, until the message fits: the fewest items lose their answer, and the
 * item that made the response large is the one told. An item so replaced may have taken effect
 * (a Create's key exists); only its response is missing. Items without payload are never
 * replaced: nothing can be gained there.
 */
public final class ResponseSizeLimit {

  /** Tag, type and length of every item. */
  private static final int ITEM_HEADER = 8;

  private ResponseSizeLimit() {}

  /**
   * The items, or — when the message would exceed {@code limit} bytes — a copy in which the largest
   * payloads are Response Too Large failures. Returns the same list instance when nothing had to
   * change, so a caller can tell.
   */
  public static List<ResponseBatchItem> fit(ResponseHeader header, List<ResponseBatchItem> items, int limit,
      KmipVersion version, String limitName) {
    int size = messageSize(header, items);
    if (size <= limit) {
      return items;
    }
    int full = size;
    List<ResponseBatchItem> out = new ArrayList<>(items);
    List<Integer> byPayload = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).responsePayload() != null) {
        byPayload.add(i);
      }
    }
    byPayload.sort(Comparator.comparingInt((Integer i) -> encodedLength(items.get(i).responsePayload())).reversed());
    for (int i : byPayload) {
      ResponseBatchItem r = items.get(i);
      ResponseBatchItem tooLarge = ResponseBatchItem.failure(r.operation(), r.uniqueBatchItemId(),
          ResultReasons.forVersion(ResultReason.RESPONSE_TOO_LARGE, version),
          "the response would be " + full + " bytes, more than the " + limitName + " of " + limit);
      size += encodedLength(tooLarge.encode()) - encodedLength(r.encode());
      out.set(i, tooLarge);
      if (size <= limit) {
        break;
      }
    }
    return out;
  }

  /** The encoded size of a Response Message with this header and these items. */
  public static int messageSize(ResponseHeader header, List<ResponseBatchItem> items) {
    int size = ITEM_HEADER + encodedLength(header.encode());
    for (ResponseBatchItem i : items) {
      size += encodedLength(i.encode());
    }
    return size;
  }

  /** The length of an item's TTLV encoding (KMIP 1.4 §9.1.1), without encoding it. */
  public static int encodedLength(Ttlv t) {
    ItemType type = t.type();
    return ITEM_HEADER + switch (type) {
      case STRUCTURE -> {
        int n = 0;
        for (Ttlv c : t.children()) {
          n += encodedLength(c);
        }
        yield n;
      }
      case INTEGER, ENUMERATION, INTERVAL, LONG_INTEGER, DATE_TIME, DATE_TIME_EXTENDED, BOOLEAN -> 8;
      case BIG_INTEGER -> padded(bigIntegerLength(t.asBigInteger()));
      case TEXT_STRING -> padded(t.asText().getBytes(StandardCharsets.UTF_8).length);
      case BYTE_STRING -> padded(t.asBytes().length);
      default -> throw new IllegalStateException(type.toString());
    };
  }

  private static int bigIntegerLength(BigInteger v) {
    return Math.max(8, (v.toByteArray().length + 7) & ~7);
  }

  private static int padded(int n) {
    return (n + 7) & ~7;
  }
}
