package org.scapsql.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code scapsql bench}'s own options: a bad value is one line of explanation, never a stack trace. */
class BenchTest {
  @Test
  void aRepeatThatIsNotACountIsExplained() {
    for (String bad : new String[] {"x", "0", "-1", "1e3", "99999999999"}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = Bench.main(new String[] {"--repeat", bad, "x.scap"},
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(status).as(bad).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("scapsql bench: --repeat needs a whole number from"
          + " 1 to 999999, not '" + bad + "'" + System.lineSeparator());
      assertThat(out.size()).isZero();
    }
  }
}
