package org.scapsql.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.scapsql.adapter.Captures;

/**
 * The Spark scan rate of docs/performance.md, run only when asked for:
 * {@code mvn -B -Pspark -pl spark -am test -Dtest=SparkScanBench -Dsurefire.failIfNoSpecifiedTests=false
 * -Dscapsql.sparkBench=CAPTURE_OR_GLOB}. Prints, per query, the time of the best of two runs in local[2], with
 * events/s and MB/s of the captures' bytes on disk.
 */
class SparkScanBench {
  static final String[] QUERIES = {
    "SELECT count(*) FROM events",
    "SELECT evt_type, count(*) FROM events GROUP BY evt_type",
    "SELECT fd_name, sum(evt_buflen) FROM events WHERE evt_is_io AND fd_type = 'file' GROUP BY fd_name",
  };

  @Test
  @EnabledIfSystemProperty(named = "scapsql.sparkBench", matches = ".+")
  void scanRate() throws Exception {
    String named = System.getProperty("scapsql.sparkBench");
    long bytes = 0;
    List<Path> files = Captures.resolve(new ArrayList<>(CapturePaths.expand(named)));
    for (Path p : files) {
      bytes += Files.size(p);
    }
    SparkSession spark = SparkSession.builder().master("local[2]").appName("SparkScanBench")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1").getOrCreate();
    try {
      spark.read().format("scap").load(named).createOrReplaceTempView("events");
      long events = spark.sql(QUERIES[0]).first().getLong(0);
      System.out.printf(Locale.ROOT, "%d captures, %,d bytes, %,d events%n", files.size(), bytes, events);
      for (String q : QUERIES) {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
          long t0 = System.nanoTime();
          spark.sql(q).collectAsList();
          best = Math.min(best, System.nanoTime() - t0);
        }
        double s = best / 1e9;
        System.out.printf(Locale.ROOT, "%6.2f s  %6.2f M events/s  %6.1f MB/s  %s%n", s, events / s / 1e6,
            bytes / s / 1e6, q);
      }
    } finally {
      spark.stop();
    }
  }
}
