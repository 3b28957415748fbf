package io.keyfed.kmip.payload;

import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.spec.QueryFunction;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/** Query request (KMIP 1.4 §4.25, 2.1 §6.1.39): the Query Functions asked for. */
public record QueryRequest(List<QueryFunction> queryFunctions) {

  public static QueryRequest decode(Ttlv payload) {
    Ttlv p = Payloads.orEmpty(payload, Tag.REQUEST_PAYLOAD);
    List<QueryFunction> fs = new ArrayList<>();
    for (Ttlv f : p.children(Tag.QUERY_FUNCTION)) {
      fs.add(Fields.enumeration(f, QueryFunction::fromValue));
    }
    return new QueryRequest(fs);
  }

  public Ttlv encode() {
    List<Ttlv> c = new ArrayList<>(queryFunctions.size());
    for (QueryFunction f : queryFunctions) {
      c.add(Ttlv.enumeration(Tag.QUERY_FUNCTION, f));
    }
    return Payloads.request(c);
  }
}
