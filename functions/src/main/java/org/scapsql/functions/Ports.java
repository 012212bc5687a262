package org.scapsql.functions;

import java.util.HashMap;
import java.util.Map;

/**
 * The well-known server ports of Sysdig Inspect's overview ({@code wsysdig_summary}):
 * each names the application whose "&lt;proto&gt; Bytes" tile counts the traffic
 * on it.
 */
public final class Ports {
  private static final Map<Integer, String> PROTOCOLS = new HashMap<>();
  private static final int ELASTICSEARCH_FROM = 9200;
  private static final int ELASTICSEARCH_TO = 9400;

  static {
    add("HTTP", 80, 8080);
    add("HTTPs", 443);
    add("SSH", 22);
    add("DNS", 53);
    add("Sysdig Agent", 6666, 6667, 6443);
    add("etcd", 2379, 22379);
    add("mysql", 3306);
    add("postgres", 5432);
    add("redis", 6379);
    add("couchdb", 5984);
    add("fluentd", 9880);
    add("statsd", 8125);
    add("gearman", 4730);
    add("hadoop", 50070, 8020, 9000);
    add("hbase", 60000, 60010, 60020, 60030);
    add("kafka", 2181);
    add("Kyoto Tycoon", 1978);
    add("memcached", 11211);
    add("mongodb", 27017, 27018, 27019, 28017);
    add("rabbitmq", 5672);
    add("riak", 8087, 8098);
    add("solr", 8983);
    add("voltdb", 5555);
  }

  private Ports() {}

  private static void add(String protocol, int... ports) {
    for (int p : ports) {
      PROTOCOLS.put(p, protocol);
    }
  }

  /** The application of a server port, or null when the overview does not name it. */
  public static String protocol(int port) {
    if (port >= ELASTICSEARCH_FROM && port <= ELASTICSEARCH_TO) {
      return "elasticsearch";
    }
    return PROTOCOLS.get(port);
  }
}
