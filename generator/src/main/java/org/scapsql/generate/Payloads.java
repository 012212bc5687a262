package org.scapsql.generate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The bytes that travel in the story: HTTP requests and responses, nginx
 * access-log lines, DNS packets, PostgreSQL protocol messages, TLS records.
 * Only the first bytes of each end up in the capture (the snaplen), but the
 * lengths are those of the whole message, so byte counts add up.
 */
final class Payloads {
  private long dateSecond = -1;
  private final Bytes httpDate = new Bytes(40);
  private final Bytes logDate = new Bytes(40);

  /** Refreshes the cached date strings when the second changes. */
  private void dates(long ts) {
    long sec = Math.floorDiv(ts, 1_000_000_000L);
    if (sec == dateSecond) {
      return;
    }
    dateSecond = sec;
    ZonedDateTime d = Instant.ofEpochSecond(sec).atZone(ZoneOffset.UTC);
    String dow = d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    String mon = d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    httpDate.clear().add(dow).add(", ").num2(d.getDayOfMonth()).add(' ').add(mon).add(' ').num(d.getYear()).add(' ')
        .num2(d.getHour()).add(':').num2(d.getMinute()).add(':').num2(d.getSecond()).add(" GMT");
    logDate.clear().num2(d.getDayOfMonth()).add('/').add(mon).add('/').num(d.getYear()).add(':').num2(d.getHour())
        .add(':').num2(d.getMinute()).add(':').num2(d.getSecond()).add(" +0000");
  }

  /** nginx's error-log time stamp, {@code 2022/05/10 08:00:30}. */
  void errorLogTime(Bytes out, long ts) {
    ZonedDateTime d = Instant.ofEpochSecond(Math.floorDiv(ts, 1_000_000_000L)).atZone(ZoneOffset.UTC);
    out.num(d.getYear()).add('/').num2(d.getMonthValue()).add('/').num2(d.getDayOfMonth()).add(' ')
        .num2(d.getHour()).add(':').num2(d.getMinute()).add(':').num2(d.getSecond());
  }

  static final String[] USER_AGENTS = {
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/101.0.4951.54 "
          + "Safari/537.36",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.4 "
          + "Safari/605.1.15",
      "Mozilla/5.0 (X11; Linux x86_64; rv:100.0) Gecko/20100101 Firefox/100.0",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 15_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          + "Version/15.4 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "curl/7.81.0"};
  static final String SCANNER_AGENT = "Mozilla/5.0 zgrab/0.x";

  void httpRequest(Bytes out, String url, String agent) {
    out.clear().add("GET ").add(url).add(" HTTP/1.1\r\nHost: shop.example.com\r\nUser-Agent: ").add(agent)
        .add("\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate, br\r\nConnection: keep-alive\r\n\r\n");
  }

  void httpOk(Bytes out, long ts, Site.Page p) {
    dates(ts);
    out.clear().add("HTTP/1.1 200 OK\r\nServer: nginx/1.18.0 (Ubuntu)\r\nDate: ").add(httpDate.buf, 0, httpDate.len)
        .add("\r\nContent-Type: ").add(p.contentType).add("\r\nContent-Length: ").num(p.size)
        .add("\r\nLast-Modified: Mon, 09 May 2022 17:42:10 GMT\r\nConnection: keep-alive\r\nETag: \"6279525a-")
        .add(Integer.toHexString(p.size)).add("\"\r\nAccept-Ranges: bytes\r\n\r\n");
  }

  static final String NOT_FOUND_BODY = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
      + "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.18.0 (Ubuntu)</center>\r\n</body>\r\n"
      + "</html>\r\n";

  void httpNotFound(Bytes out, long ts) {
    dates(ts);
    out.clear().add("HTTP/1.1 404 Not Found\r\nServer: nginx/1.18.0 (Ubuntu)\r\nDate: ").add(httpDate.buf, 0,
        httpDate.len).add("\r\nContent-Type: text/html\r\nContent-Length: ").num(NOT_FOUND_BODY.length())
        .add("\r\nConnection: keep-alive\r\n\r\n").add(NOT_FOUND_BODY);
  }

  /** An access-log line in nginx's "combined" format. */
  void accessLog(Bytes out, long ts, byte[] client, String url, int status, long bytes, String agent) {
    dates(ts);
    out.clear().ip(client).add(" - - [").add(logDate.buf, 0, logDate.len).add("] \"GET ").add(url)
        .add(" HTTP/1.1\" ").num(status).add(' ').num(bytes).add(" \"-\" \"").add(agent).add("\"\n");
  }

  private final Bytes scratch = new Bytes(256);

  void apiRequest(Bytes out, boolean order, int id) {
    if (order) {
      Bytes body = scratch.clear().add("{\"customer_id\":").num(1000 + id % 9000).add(",\"items\":[{\"product_id\":")
          .num(1 + id % 120).add(",\"quantity\":").num(1 + id % 3).add("}]}");
      out.clear().add("POST /api/v1/orders HTTP/1.1\r\nHost: api.shop.internal:8080\r\nUser-Agent: shop-frontend/2.3"
          + "\r\nContent-Type: application/json\r\nContent-Length: ").num(body.len).add("\r\n\r\n")
          .add(body.buf, 0, body.len);
    } else {
      out.clear().add("GET /api/v1/products/").num(1 + id % 120).add(" HTTP/1.1\r\nHost: api.shop.internal:8080\r\n"
          + "User-Agent: shop-frontend/2.3\r\nAccept: application/json\r\n\r\n");
    }
  }

  void apiResponse(Bytes out, long ts, boolean order, int id) {
    dates(ts);
    Bytes body = scratch.clear();
    if (order) {
      body.add("{\"order_id\":").num(50_000 + id).add(",\"status\":\"created\"}");
    } else {
      int p = 1 + id % 120;
      body.add("{\"id\":").num(p).add(",\"name\":\"Product ").num(p).add("\",\"price_cents\":")
          .num(499 + (id * 37L) % 9000).add(",\"stock\":").num((id * 13L) % 250).add('}');
    }
    out.clear().add(order ? "HTTP/1.0 201 Created" : "HTTP/1.0 200 OK").add("\r\nServer: BaseHTTP/0.6 Python/3.10.4"
        + "\r\nDate: ").add(httpDate.buf, 0, httpDate.len).add("\r\nContent-Type: application/json\r\nContent-Length: ")
        .num(body.len).add("\r\n\r\n").add(body.buf, 0, body.len);
  }

  /** A PostgreSQL simple-query message ('Q'). */
  void pgQuery(Bytes out, boolean order, int id) {
    Bytes sql = scratch.clear();
    if (order) {
      sql.add("BEGIN;INSERT INTO orders (customer_id, product_id, quantity) VALUES (").num(1000 + id % 9000)
          .add(", ").num(1 + id % 120).add(", ").num(1 + id % 3).add(") RETURNING id;COMMIT;");
    } else {
      sql.add("SELECT id, name, price_cents, stock FROM products WHERE id = ").num(1 + id % 120).add(';');
    }
    out.clear().add('Q').be32(4 + sql.len + 1).add(sql.buf, 0, sql.len).u8(0);
  }

  private static final String[] ORDER_COLUMNS = {"id"};
  private static final String[] PRODUCT_COLUMNS = {"id", "name", "price_cents", "stock"};

  /** A query result: row description, one data row, completion, ready. */
  void pgResult(Bytes out, boolean order, int id) {
    out.clear().add('T').be32(order ? 27 : 102).be16(order ? 1 : 4);
    String[] cols = order ? ORDER_COLUMNS : PRODUCT_COLUMNS;
    for (String c : cols) {
      out.add(c).u8(0).be32(16_397).be16(1).be32(23).be16(4).be32(-1).be16(0);
    }
    Bytes row = scratch.clear();
    if (order) {
      row.num(50_000 + id);
    } else {
      row.num(1 + id % 120).add("Product ").num(1 + id % 120);
    }
    out.add('D').be32(4 + 2 + row.len).be16(cols.length).add(row.buf, 0, row.len);
    out.add('C').be32(13).add(order ? "INSERT 0 1" : "SELECT 1").u8(0).add('Z').be32(5).add('I');
  }

  /** A DNS query for {@code name}, type A (1) or AAAA (28). */
  void dnsQuery(Bytes out, int id, String name, int qtype) {
    out.clear().be16(id).be16(0x0100).be16(1).be16(0).be16(0).be16(0);
    qname(out, name);
    out.be16(qtype).be16(1);
  }

  /** The answer to {@link #dnsQuery}: one record with {@code addr}, or none when {@code addr} is null. */
  void dnsAnswer(Bytes out, int id, String name, int qtype, byte[] addr) {
    out.clear().be16(id).be16(addr == null ? 0x8183 : 0x8180).be16(1).be16(addr == null ? 0 : 1).be16(0).be16(0);
    qname(out, name);
    out.be16(qtype).be16(1);
    if (addr != null) {
      out.be16(0xC00C).be16(qtype).be16(1).be32(300).be16(addr.length).add(addr);
    }
  }

  private static void qname(Bytes out, String name) {
    for (String label : name.split("\\.")) {
      out.u8(label.length()).add(label);
    }
    out.u8(0);
  }

  /** A TLS record header followed by random (encrypted-looking) bytes. */
  static void tlsRecord(Bytes out, Rng rng, int contentType, int length) {
    out.clear().u8(contentType).be16(0x0303).be16(length);
    int n = Math.min(length, Syscalls.SNAPLEN);
    byte[] r = new byte[n];
    rng.bytes(r, 0, n);
    out.add(r);
  }
}
