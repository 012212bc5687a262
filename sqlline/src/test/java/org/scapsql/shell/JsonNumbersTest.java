package org.scapsql.shell;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * JSON readers that parse numbers as doubles (JavaScript, jq) keep 53 bits: an
 * integer beyond 2^53 - 1, such as every nanosecond time, is written as a string so
 * that it stays exact; smaller numbers stay numbers.
 */
class JsonNumbersTest {
  @Test
  void integersBeyondDoublePrecisionAreStrings() {
    Run r = Run.of("-e", "SELECT evt_num, evt_rawtime, evt_reltime, evt_time, 9007199254740991 AS safe,"
        + " 9007199254740992 AS beyond, -9007199254740993 AS below, CAST(1234567890123456789 AS DECIMAL(19, 0))"
        + " AS big, CAST(1.5 AS DECIMAL(3, 1)) AS half FROM events WHERE evt_num = 131", "--format", "json",
        Fixtures.capture("cat_write.scap").toString());
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("[\n"
        + "{\"evt_num\":131,\"evt_rawtime\":\"1470327477881730713\",\"evt_reltime\":1881730714,"
        + "\"evt_time\":\"2016-08-04 16:17:57.881\",\"safe\":9007199254740991,\"beyond\":\"9007199254740992\","
        + "\"below\":\"-9007199254740993\",\"big\":\"1234567890123456789\",\"half\":1.5}\n"
        + "]\n");
  }
}
