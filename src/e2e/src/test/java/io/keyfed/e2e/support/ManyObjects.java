package io.keyfed.e2e.support;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.client.KmipClient;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.GetAttributesRequest;
import io.keyfed.kmip.payload.GetAttributesResponse;
import io.keyfed.kmip.payload.LocateRequest;
import io.keyfed.kmip.payload.LocateResponse;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Many objects made and read at once: keys created in batches, everything located, digests compared. */
public final class ManyObjects {

  private ManyObjects() {}

  /** {@code n} AES-256 keys (Encrypt, Decrypt) in an Object Group, named group-i, 100 Creates to a request message. */
  public static List<String> createKeys(KmipClient c, String group, int n) throws Exception {
    List<String> out = new ArrayList<>(n);
    List<RequestBatchItem> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(item(Operation.CREATE, new CreateRequest(ObjectType.SYMMETRIC_KEY, List.of(
          Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
          Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)),
          Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 4 | 8)),
          Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, group)),
          Attribute.of(Tag.NAME, Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, group + "-" + i),
              Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING))))).encode(c.version())));
      if (batch.size() == 100 || i == n - 1) {
        for (ResponseBatchItem r : sendAll(c, batch)) {
          out.add(CreateResponse.decode(r.responsePayload()).uniqueIdentifier());
        }
        batch.clear();
      }
    }
    return out;
  }

  public static RequestBatchItem item(Operation op, Ttlv payload) {
    return new RequestBatchItem(op.value(), null, payload, null);
  }

  /** Sends the items 100 to a request message; every one must succeed. */
  public static List<ResponseBatchItem> sendAll(KmipClient c, List<RequestBatchItem> items) throws Exception {
    List<ResponseBatchItem> out = new ArrayList<>();
    for (int from = 0; from < items.size(); from += 100) {
      for (ResponseBatchItem r : c.sendBatch(items.subList(from, Math.min(items.size(), from + 100)))) {
        assertTrue(r.succeeded(), r.resultReason() + " " + r.resultMessage());
        out.add(r);
      }
    }
    return out;
  }

  /** Every object of the test's client on {@code s}, by Locate in pages of 1,000 (Offset Items). */
  public static List<String> allHere(KeyfedServer s) throws Exception {
    List<String> out = new ArrayList<>();
    try (KmipClient c = s.connect(KmipVersion.V2_0)) {
      while (true) {
        List<String> page = LocateResponse.decode(c.call(Operation.LOCATE,
            new LocateRequest(1000, out.size(), null, null, List.of()).encode(c.version()))).uniqueIdentifiers();
        out.addAll(page);
        if (page.size() < 1000) {
          return out;
        }
      }
    }
  }

  /** Unique Identifier to Digest Value (hex), by Get Attributes, 100 to a request message. */
  public static Map<String, String> digests(KeyfedServer s, List<String> uids) throws Exception {
    Map<String, String> out = new HashMap<>();
    try (KmipClient c = s.connect(KmipVersion.V1_4)) {
      List<RequestBatchItem> items = new ArrayList<>();
      for (String uid : uids) {
        items.add(item(Operation.GET_ATTRIBUTES, new GetAttributesRequest(uid, List.of("Digest")).encode(c.version())));
      }
      List<ResponseBatchItem> answers = sendAll(c, items);
      for (int i = 0; i < uids.size(); i++) {
        Attribute d = GetAttributesResponse.decode(answers.get(i).responsePayload()).attributes().get(0);
        assertNull(out.put(uids.get(i), HexFormat.of().formatHex(d.value().child(Tag.DIGEST_VALUE).asBytes())), uids.get(i) + " twice");
      }
    }
    return out;
  }
}
