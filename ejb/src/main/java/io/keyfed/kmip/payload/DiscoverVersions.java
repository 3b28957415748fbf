package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Discover Versions (KMIP 1.4 §4.26): the same payload shape both ways, a list of versions. */
public record DiscoverVersions(List<ProtocolVersion> protocolVersions) {

  public static DiscoverVersions decode(Ttlv payload) {
    List<ProtocolVersion> out = new ArrayList<>();
    if (payload != null) {
      Fields.structure(payload);
      for (Ttlv v : payload.children(Tag.PROTOCOL_VERSION)) {
        out.add(ProtocolVersion.decode(v));
      }
    }
    return new DiscoverVersions(out);
  }

  public Ttlv encodeRequest() {
    return Payloads.request(encoded());
  }

  public Ttlv encodeResponse() {
    return Payloads.response(encoded());
  }

  private List<Ttlv> encoded() {
    List<Ttlv> c = new ArrayList<>(protocolVersions.size());
    for (ProtocolVersion v : protocolVersions) {
      c.add(v.encode());
    }
    return c;
  }
}
