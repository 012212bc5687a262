package org.scapsql.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.calcite.avatica.ConnectionConfigImpl;
import org.apache.calcite.avatica.remote.AvaticaCommonsHttpClientImpl;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.RemoteProtobufService;
import org.apache.calcite.avatica.remote.Service;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;

/**
 * Speaks Avatica's protobuf protocol directly, without the JDBC client: a hostile
 * client can put anything in its open-connection request, including keys (such as
 * {@code url}) that the JDBC client keeps for itself.
 */
final class RawClient implements AutoCloseable {
  private final Service service;
  private final String connectionId = UUID.randomUUID().toString();

  RawClient(int port, Map<String, String> info) {
    AvaticaCommonsHttpClientImpl http = new AvaticaCommonsHttpClientImpl(URI.create("http://127.0.0.1:" + port));
    http.setHttpClientPool(new PoolingHttpClientConnectionManager(), new ConnectionConfigImpl(new Properties()));
    service = new RemoteProtobufService(http, new ProtobufTranslationImpl());
    service.apply(new Service.OpenConnectionRequest(connectionId, info));
  }

  /** The first frame of a query's rows, each row as a list of values. */
  List<List<Object>> query(String sql) {
    Service.CreateStatementResponse st = service.apply(new Service.CreateStatementRequest(connectionId));
    Service.ExecuteResponse r = service.apply(
        new Service.PrepareAndExecuteRequest(connectionId, st.statementId, sql, -1, 1000));
    List<List<Object>> rows = new ArrayList<>();
    for (Object row : r.results.get(0).firstFrame.rows) {
      List<Object> values = new ArrayList<>();
      if (row instanceof Object[]) {
        values.addAll(List.of((Object[]) row));
      } else {
        values.addAll((List<?>) row);
      }
      rows.add(values);
    }
    return rows;
  }

  @Override
  public void close() {
    service.apply(new Service.CloseConnectionRequest(connectionId));
  }
}
