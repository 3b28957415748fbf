package io.keyfed.bench.codec;

import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.RequestHeader;
import io.keyfed.kmip.message.RequestMessage;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.message.ResponseHeader;
import io.keyfed.kmip.message.ResponseMessage;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.GetResponse;
import io.keyfed.kmip.payload.LocateResponse;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.CryptographicUsageMask;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The benchmarked messages, KMIP 2.1, built once as trees. Each kind also knows how to go from
 * the tree to the message model with its typed payload ({@link #decodeModel}) and back
 * ({@link #encodeModel}), which is what the server does with every request and response.
 */
enum CodecMessages {

  /** Get response carrying a 256-bit AES key in Raw format. */
  GET_256_BIT_KEY {
    @Override
    Ttlv tree() {
      byte[] key = new byte[32];
      for (int i = 0; i < key.length; i++) {
        key[i] = (byte) (i * 37 + 11);
      }
      Ttlv symmetricKey = Ttlv.structure(Tag.SYMMETRIC_KEY,
          Ttlv.structure(Tag.KEY_BLOCK,
              Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
              Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, key)),
              Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
              Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)));
      Ttlv payload = new GetResponse(ObjectType.SYMMETRIC_KEY, uuid(0), symmetricKey).encode();
      return response(Operation.GET, payload);
    }

    @Override
    Object decodeModel(Ttlv t) {
      ResponseMessage m = ResponseMessage.decode(t);
      return GetResponse.decode(m.batchItems().get(0).responsePayload());
    }

    @Override
    Ttlv encodeModel(Object typed) {
      return response(Operation.GET, ((GetResponse) typed).encode());
    }
  },

  /** Locate response with Located Items and 1,000 Unique Identifiers (UUID text). */
  LOCATE_1000_IDS {
    @Override
    Ttlv tree() {
      List<String> ids = new ArrayList<>(1000);
      for (int i = 0; i < 1000; i++) {
        ids.add(uuid(i));
      }
      return response(Operation.LOCATE, new LocateResponse(1000, ids).encode(KmipVersion.V2_1));
    }

    @Override
    Object decodeModel(Ttlv t) {
      ResponseMessage m = ResponseMessage.decode(t);
      return LocateResponse.decode(m.batchItems().get(0).responsePayload());
    }

    @Override
    Ttlv encodeModel(Object typed) {
      return response(Operation.LOCATE, ((LocateResponse) typed).encode(KmipVersion.V2_1));
    }
  },

  /** Create request for an AES key with 10 attributes (2.x Attributes). */
  CREATE_10_ATTRIBUTES {
    @Override
    Ttlv tree() {
      Ttlv attributes = Ttlv.structure(Tag.ATTRIBUTES,
          Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
          Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
          Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value()),
          Ttlv.structure(Tag.NAME,
              Ttlv.text(Tag.NAME_VALUE, "payments/db-master-key"),
              Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING)),
          Ttlv.text(Tag.OBJECT_GROUP, "payments"),
          Ttlv.dateTime(Tag.ACTIVATION_DATE, Instant.parse("2026-01-01T00:00:00Z")),
          Ttlv.text(Tag.CONTACT_INFORMATION, "security@example.com"),
          Ttlv.text(Tag.DESCRIPTION, "database master key, payments cluster"),
          Ttlv.text(Tag.COMMENT, "rotated yearly"),
          Ttlv.bool(Tag.SENSITIVE, true));
      Ttlv payload = Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY), attributes);
      return request(Operation.CREATE, payload);
    }

    @Override
    Object decodeModel(Ttlv t) {
      RequestMessage m = RequestMessage.decode(t);
      return CreateRequest.decode(m.batchItems().get(0).requestPayload());
    }

    @Override
    Ttlv encodeModel(Object typed) {
      return request(Operation.CREATE, ((CreateRequest) typed).encode(KmipVersion.V2_1));
    }
  };

  private static final Instant NOW = Instant.parse("2026-05-06T07:08:09Z");
  private static final byte[] BATCH_ITEM_ID = {0, 0, 0, 1};

  /** The message as a tree. */
  abstract Ttlv tree();

  /** Tree → message model → typed payload. */
  abstract Object decodeModel(Ttlv t);

  /** Typed payload → message model → tree. */
  abstract Ttlv encodeModel(Object typed);

  /** "GET_256_BIT_KEY" → "get-256-bit-key", the JMH parameter value. */
  String param() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  static CodecMessages ofParam(String p) {
    return valueOf(p.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }

  private static String uuid(int i) {
    return new UUID(0x6b65796665640000L + i, 0x8000_0000_0000_0000L | (i * 0x9E3779B97F4A7C15L >>> 1)).toString();
  }

  private static Ttlv response(Operation op, Ttlv payload) {
    ProtocolVersion v = ProtocolVersion.of(KmipVersion.V2_1);
    return new ResponseMessage(new ResponseHeader(v, NOW, null, null, 1),
        List.of(ResponseBatchItem.success(op.value(), BATCH_ITEM_ID, payload))).encode();
  }

  private static Ttlv request(Operation op, Ttlv payload) {
    ProtocolVersion v = ProtocolVersion.of(KmipVersion.V2_1);
    return new RequestMessage(RequestHeader.simple(v, 1),
        List.of(new RequestBatchItem(op.value(), BATCH_ITEM_ID, payload, null, null, List.of()))).encode();
  }
}
