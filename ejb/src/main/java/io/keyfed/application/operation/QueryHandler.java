package io.keyfed.application.operation;

import io.keyfed.application.OperationDispatcher;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.kmip.payload.QueryRequest;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.QueryFunction;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Query (KMIP 1.4 §4.25, 2.1 §6.1.39): Query Operations lists the operations this server handles
 * in the client's version; Query Objects the object types it stores; Query Server Information the
 * Vendor Identification and a Server Information structure. In 2.x the latter has the
 * specification's fields (Server Name, Server Version, Product Name); 1.x left its contents to the
 * vendor, so there the same facts travel under Keyfed's vendor-extension tags (0x540001 server
 * name, 0x540002 product version) — never a tag the client's version does not define. Query
 * Functions not listed here are answered with nothing, as the specification allows.
 */
@Stateless
@Local(OperationHandler.class)
public class QueryHandler implements OperationHandler {

  public static final String VENDOR = "Keyfed";
  public static final String PRODUCT_VERSION = "0.1.0";
  static final int VENDOR_TAG_SERVER_NAME = 0x540001;
  static final int VENDOR_TAG_PRODUCT_VERSION = 0x540002;

  static final Set<ObjectType> STORED_TYPES = RegisterHandler.REGISTRABLE;

  @Inject
  OperationDispatcher dispatcher;

  @Inject
  KeyfedConfig config;

  @Override
  public Operation operation() {
    return Operation.QUERY;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    QueryRequest req = QueryRequest.decode(requestPayload);
    KmipVersion v = ctx.version();
    List<Ttlv> out = new ArrayList<>();
    if (req.queryFunctions().contains(QueryFunction.QUERY_OPERATIONS)) {
      for (Operation op : new TreeSet<>(dispatcher.supportedOperations())) {
        if (op.since() == null || v.atLeast(op.since())) {
          out.add(Ttlv.enumeration(Tag.OPERATION, op));
        }
      }
    }
    if (req.queryFunctions().contains(QueryFunction.QUERY_OBJECTS)) {
      for (ObjectType t : new TreeSet<>(STORED_TYPES)) {
        if (t.since() == null || v.atLeast(t.since())) {
          out.add(Ttlv.enumeration(Tag.OBJECT_TYPE, t));
        }
      }
    }
    if (req.queryFunctions().contains(QueryFunction.QUERY_SERVER_INFORMATION)) {
      out.add(Ttlv.text(Tag.VENDOR_IDENTIFICATION, VENDOR));
      out.add(serverInformation(v));
    }
    return Ttlv.structure(Tag.RESPONSE_PAYLOAD, out);
  }

  private Ttlv serverInformation(KmipVersion v) {
    if (v.atLeast(KmipVersion.V2_0)) {
      return Ttlv.structure(Tag.SERVER_INFORMATION,
          Ttlv.text(Tag.SERVER_NAME, config.serverName()),
          Ttlv.text(Tag.SERVER_VERSION, PRODUCT_VERSION),
          Ttlv.text(Tag.PRODUCT_NAME, VENDOR));
    }
    return Ttlv.structure(Tag.SERVER_INFORMATION,
        Ttlv.text(VENDOR_TAG_SERVER_NAME, config.serverName()),
        Ttlv.text(VENDOR_TAG_PRODUCT_VERSION, PRODUCT_VERSION));
  }
}
