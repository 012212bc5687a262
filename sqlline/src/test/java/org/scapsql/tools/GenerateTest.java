package org.scapsql.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Generate.main(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesTheCaptureAndSaysWhat(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("x.scap");
    assertThat(run("--size", "1m", "--seed", "9", "--duration", "5s", f.toString())).isZero();
    assertThat(Files.size(f)).isGreaterThanOrEqualTo(1 << 20);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("wrote " + f + ": ").contains("seed 9");
    assertThat(err()).isEmpty();
  }

  @Test
  void badSizeIsExplainedWithoutAStackTrace() {
    assertThat(run("--size", "100x", "x.scap")).isEqualTo(2);
    assertThat(err()).isEqualTo("scapsql generate: bad size '100x': use a whole number with an optional k, m, g or t "
        + "suffix, e.g. 100m or 1g\n" + Generate.USAGE + "\n");
  }

  @Test
  void badOptionsAreExplained() {
    assertThat(run("--seed", "x", "a.scap")).isEqualTo(2);
    assertThat(run("--duration")).isEqualTo(2);
    assertThat(run("--bogus", "a.scap")).isEqualTo(2);
    assertThat(run("a.scap", "b.scap")).isEqualTo(2);
    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("scapsql generate: bad seed 'x': it must be a whole number\n",
        "scapsql generate: --duration needs a value\n", "scapsql generate: unknown option --bogus\n",
        "scapsql generate: one output file at a time\n").doesNotContain("Exception", "\tat ");
  }

  @Test
  void anUnwritablePathIsExplained(@TempDir Path dir) {
    Path f = dir.resolve("no-such-dir").resolve("x.scap");
    assertThat(run("--size", "64k", f.toString())).isEqualTo(1);
    assertThat(err()).isEqualTo("scapsql generate: cannot write " + f + ": directory " + f.getParent()
        + " does not exist\n");
    assertThat(run("--size", "64k", dir.toString())).isEqualTo(1);
    assertThat(err()).endsWith("scapsql generate: " + dir + " is a directory; give a file name such as " + dir
        + "/demo.scap\n");
  }
}
