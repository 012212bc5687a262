package org.scapsql.generate;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The load that fills the capture: visitors of the shop (nginx serving files
 * from /var/www/shop) and the internal front end calling the containerised
 * API, whose request threads query PostgreSQL over pooled connections.
 * Arrivals are a Poisson process whose rate is retuned as the capture grows so
 * that the requested size is reached at the end of the requested duration:
 * the rest of the story is fixed, this is the part that stretches.
 */
final class Traffic extends Actor {
  /** Share of arrivals that are web requests (the rest are API calls). */
  private static final int WEB_PERCENT = 55;
  /** A server further behind than this drops the arrival (it would only queue). */
  private static final long MAX_BACKLOG = 25_000_000L;
  private static final double MIN_RATE = 1e-9;
  private static final double MAX_RATE = 400_000e-9;
  private static final byte[] CACHE_WARNING = Bytes.ascii(
      "WARNING cache unavailable, serving from database: [Errno 111] Connection refused\n");
  private static final String CACHE_HOST = "cache.shop.internal";

  private final Host host;
  private final Sim sim;
  private final Syscalls sys;
  private final Kernel kernel;
  private final Rng rng;
  private final Site site;
  private final Postgres pg;
  private final Timeline time;
  private final long target;
  private final Payloads pay = new Payloads();
  private final Bytes req = new Bytes(512);
  private final Bytes resp = new Bytes(512);
  private final Bytes log = new Bytes(512);
  private final Bytes query = new Bytes(512);
  private final Bytes result = new Bytes(512);
  private final long tick;

  private final PriorityQueue<Visit> visits = new PriorityQueue<>(
      Comparator.comparingLong((Visit v) -> v.at).thenComparingLong(v -> v.seq));
  private double rate;
  private long nextArrival;
  private long arrivals;
  private long loadBytes;
  private long lastTick;
  private int apiRequests;
  private long webRequests;
  private long dropped;

  Traffic(Host host, Sim sim, Syscalls sys, Kernel kernel, Site site, Postgres pg, Timeline time, long target) {
    this.host = host;
    this.sim = sim;
    this.sys = sys;
    this.kernel = kernel;
    this.rng = sim.rng;
    this.site = site;
    this.pg = pg;
    this.time = time;
    this.target = target;
    this.tick = Math.max(10_000_000L, Math.min(1_000_000_000L, time.duration / 400));
    this.key = time.start + 1_000_000L + rng.nextInt(3_000_000);
    this.nextArrival = key;
    this.lastTick = key;
    retune(key);
  }

  /** A visitor's open keep-alive connection and when the next request on it comes. */
  private static final class Visit {
    final Track worker;
    final long conn;
    final byte[] client;
    final int port;
    final String agent;
    final long seq;
    long at;
    int left;

    Visit(Track worker, long conn, byte[] client, int port, String agent, long seq, int left) {
      this.worker = worker;
      this.conn = conn;
      this.client = client;
      this.port = port;
      this.agent = agent;
      this.seq = seq;
      this.left = left;
    }
  }

  @Override
  void act() {
    long t = key;
    if (t - lastTick >= tick) {
      retune(t);
    }
    long before = sim.stagedBytes();
    Visit v = visits.peek();
    if (v != null && v.at <= nextArrival) {
      visits.poll();
      nextRequest(v);
    } else {
      arrivals++;
      if (rng.nextInt(100) < WEB_PERCENT) {
        web(t);
      } else {
        api(t);
      }
      nextArrival = t + 1 + rng.exp(1.0 / rate);
    }
    loadBytes += sim.stagedBytes() - before;
    v = visits.peek();
    key = v != null ? Math.min(nextArrival, v.at) : nextArrival;
  }

  /**
   * Sets the arrival rate so that what is still missing arrives in the time
   * that is left, after what the rest of the story adds at its average pace.
   */
  private void retune(long t) {
    long staged = sim.stagedBytes();
    long elapsed = Math.max(t - time.start, tick);
    double otherRate = (staged - loadBytes) / (double) elapsed;
    long left = Math.max(time.end - t, tick);
    double need = (target - staged) / (double) left - otherRate;
    // An arrival costs what it and its follow-up requests staged, on average so far.
    double perArrival = arrivals < 50 ? 2_500 : loadBytes / (double) arrivals;
    rate = Math.max(MIN_RATE, Math.min(MAX_RATE, need / perArrival));
    lastTick = t;
  }

  long webRequests() {
    return webRequests;
  }

  long dropped() {
    return dropped;
  }

  // ---- the shop: nginx workers ------------------------------------------------------------------

  private Track idlestWorker() {
    Track best = host.nginxWorkers[0];
    for (Track w : host.nginxWorkers) {
      if (w.clock < best.clock) {
        best = w;
      }
    }
    return best;
  }

  private byte[] clientAddress() {
    int net = rng.nextInt(3);
    int host = 1 + rng.nextInt(254);
    return net == 0 ? Host.ip(203, 0, 113, host) : net == 1 ? Host.ip(198, 51, 100, host) : Host.ip(192, 0, 2, host);
  }

  private int ephemeralPort() {
    return 32_768 + rng.nextInt(28_232);
  }

  private void web(long t) {
    Track w = idlestWorker();
    if (w.clock > t + MAX_BACKLOG) {
      dropped++;
      return;
    }
    w.until(t);
    byte[] client = clientAddress();
    int port = ephemeralPort();
    sys.epollWaitExit(w, 1);
    sys.acceptEnter(w.think(3_000));
    w.clock += rng.lat(5_000);
    long conn = sys.acceptExit(w, client, port, Host.LOCAL_IP, Host.HTTP_PORT, 0);
    int requests = rng.chance(0.6) ? 1 : rng.between(2, 5);
    Visit v = new Visit(w, conn, client, port, rng.pick(Payloads.USER_AGENTS), arrivals, requests);
    request(v);
  }

  /** The next request on a kept-alive connection wakes the worker (which may be busy elsewhere). */
  private void nextRequest(Visit v) {
    Track w = v.worker;
    w.until(v.at);
    sys.epollWaitExit(w, 1);
    request(v);
  }

  /** One request of the visit; then the connection is closed or waits for the next one. */
  private void request(Visit v) {
    Track w = v.worker;
    Site.Page page = site.pick(rng);
    String ua = page.exists || page.url.equals("/favicon.ico") ? v.agent : Payloads.SCANNER_AGENT;
    serve(w, v.conn, v.client, v.port, page, ua);
    webRequests++;
    if (--v.left > 0) {
      // The browser asks for the next file on the same connection a little later; meanwhile the
      // worker serves whoever else comes.
      v.at = w.clock + 200_000 + rng.exp(15_000_000.0);
      visits.add(v);
    } else {
      sys.close(w.think(4_000), v.conn);
    }
    sys.epollWaitEnter(w.think(2_000));
    sys.switchOut(w);
  }

  private void serve(Track w, long conn, byte[] client, int port, Site.Page page, String agent) {
    pay.httpRequest(req, page.url, agent);
    sys.recvfrom(w.think(2_000), conn, 1024, req.len, req.buf, req.len, client, port, Host.LOCAL_IP, Host.HTTP_PORT,
        rng.lat(4_000));
    long file = sys.openat(w.think(6_000), page.path, Syscalls.O_RDONLY | Syscalls.O_NONBLOCK, 0,
        page.exists ? 0 : Syscalls.ENOENT, rng.lat(9_000));
    int status;
    long body;
    if (page.exists) {
      sys.fstat(w, file);
      pay.httpOk(resp, w.clock, page);
      sys.write(w.think(8_000), conn, resp.len, resp.buf, resp.len, rng.lat(12_000));
      for (int c = 0; c < page.chunkHeads.length; c++) {
        int n = Math.min(Site.CHUNK, page.size - c * Site.CHUNK);
        byte[] head = page.chunkHeads[c];
        sys.read(w, file, Site.CHUNK, n, head, head.length, rng.lat(3_000 + n / 4));
        sys.write(w, conn, n, head, head.length, rng.lat(6_000 + n / 2));
      }
      sys.close(w, file);
      status = 200;
      body = page.size;
    } else {
      pay.httpNotFound(resp, w.clock);
      sys.write(w.think(6_000), conn, resp.len, resp.buf, resp.len, rng.lat(12_000));
      status = 404;
      body = Payloads.NOT_FOUND_BODY.length();
    }
    pay.accessLog(log, w.clock, client, page.url, status, body, agent);
    sys.write(w.think(3_000), Host.NGINX_ACCESS_LOG, log.len, log.buf, log.len, rng.lat(5_000));
  }

  // ---- the API in the container and its database ------------------------------------------------

  private void api(long t) {
    Track m = host.appMain;
    if (m.clock > t + MAX_BACKLOG) {
      dropped++;
      return;
    }
    m.until(t);
    byte[] client = Host.ip(10, 0, 1, 40 + rng.nextInt(8));
    int port = ephemeralPort();
    // The main thread sits in accept(); each request gets a thread of its own (ThreadingHTTPServer).
    m.clock += rng.lat(3_000);
    long conn = sys.acceptExit(m, client, port, Host.CONTAINER_IP, Host.API_PORT, 0);
    Track w = kernel.thread(m);
    sys.acceptEnter(m.think(15_000));
    sys.switchOut(m);

    int id = apiRequests++;
    boolean order = rng.chance(0.15);
    pay.apiRequest(req, order, id);
    sys.recvfrom(w.think(20_000), conn, 65_536, req.len, req.buf, req.len, client, port, Host.CONTAINER_IP,
        Host.API_PORT, rng.lat(5_000));
    if (id % 25 == 7) {
      cacheLookup(w, id);
    }
    int i = id % Host.PG_BACKENDS;
    long pool = Host.APP_POOL + i;
    int poolPort = Host.POOL_PORT + i;
    pay.pgQuery(query, order, id);
    sys.sendto(w.think(60_000), pool, Host.CONTAINER_IP, poolPort, Host.DOCKER_BRIDGE, Host.PG_PORT, query.len,
        query.buf, query.len, rng.lat(9_000));
    sys.recvfromEnter(w, pool, 65_536);
    sys.switchOut(w);

    Track b = host.pgBackends[i];
    b.until(w.clock + rng.lat(20_000));
    sys.recvfromExit(b, query.len, query.buf, query.len, Host.CONTAINER_IP, poolPort, Host.DOCKER_BRIDGE,
        Host.PG_PORT);
    pg.execute(b, i, order, id);
    pay.pgResult(result, order, id);
    sys.sendto(b, Host.PG_CLIENT, Host.DOCKER_BRIDGE, Host.PG_PORT, Host.CONTAINER_IP, poolPort, result.len,
        result.buf, result.len, rng.lat(8_000));
    long answered = b.clock;
    sys.recvfromEnter(b, Host.PG_CLIENT, 8_192);
    sys.switchOut(b);

    w.until(answered + rng.lat(15_000));
    sys.recvfromExit(w, result.len, result.buf, result.len, Host.DOCKER_BRIDGE, Host.PG_PORT, Host.CONTAINER_IP,
        poolPort);
    pay.apiResponse(resp, w.clock, order, id);
    sys.sendto(w.think(90_000), conn, Host.CONTAINER_IP, Host.API_PORT, client, port, resp.len, resp.buf, resp.len,
        rng.lat(10_000));
    sys.close(w.think(5_000), conn);
    kernel.exitThread(w.think(10_000));
  }

  /** The API looks up its cache by name (UDP to port 53) and finds nobody listening. */
  private void cacheLookup(Track w, int id) {
    long udp = sys.socket(w.think(10_000), Syscalls.AF_INET, Syscalls.SOCK_DGRAM | Syscalls.SOCK_NONBLOCK
        | Syscalls.SOCK_CLOEXEC, 0);
    int port = ephemeralPort();
    int qid = (id * 7_919) & 0xFFFF;
    pay.dnsQuery(query, qid, CACHE_HOST, 1);
    sys.sendto(w, udp, Host.CONTAINER_IP, port, Host.DNS_SERVER, 53, query.len, query.buf, query.len,
        rng.lat(9_000));
    pay.dnsAnswer(result, qid, CACHE_HOST, 1, Host.CACHE_SERVER);
    sys.recvfrom(w, udp, 2_048, result.len, result.buf, result.len, Host.DNS_SERVER, 53, Host.CONTAINER_IP, port,
        rng.lat(700_000));
    sys.close(w, udp);
    long tcp = sys.socket(w.think(8_000), Syscalls.AF_INET, Syscalls.SOCK_STREAM | Syscalls.SOCK_CLOEXEC, 6);
    sys.connect(w, tcp, Host.CONTAINER_IP, ephemeralPort(), Host.CACHE_SERVER, 6379, Syscalls.ECONNREFUSED,
        rng.lat(350_000));
    sys.close(w, tcp);
    sys.write(w.think(20_000), 2, CACHE_WARNING.length, CACHE_WARNING, CACHE_WARNING.length, rng.lat(6_000));
  }
}
