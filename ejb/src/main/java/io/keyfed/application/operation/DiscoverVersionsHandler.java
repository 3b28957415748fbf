package io.keyfed.application.operation;

import io.keyfed.application.KmipService;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.payload.DiscoverVersions;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import java.util.ArrayList;
import java.util.List;

/**
 * Discover Versions (KMIP 1.4 §4.26, 2.1 §6.1.19): with no list, every supported version, most
 * preferred first; with a list, those of the client's versions the server supports, in the
 * client's order (possibly none). Never fails.
 */
@Stateless
@Local(OperationHandler.class)
public class DiscoverVersionsHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.DISCOVER_VERSIONS;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    List<ProtocolVersion> asked = DiscoverVersions.decode(requestPayload).protocolVersions();
    List<ProtocolVersion> out = new ArrayList<>();
    if (asked.isEmpty()) {
      for (KmipVersion v : KmipService.SUPPORTED_VERSIONS) {
        out.add(ProtocolVersion.of(v));
      }
    } else {
      for (ProtocolVersion v : asked) {
        if (v.known() != null && KmipService.SUPPORTED_VERSIONS.contains(v.known())) {
          out.add(v);
        }
      }
    }
    return new DiscoverVersions(out).encodeResponse();
  }
}
