package org.scapsql.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GeneratorOptionsTest {
  @Test
  void sizesUseBinaryMultiples() {
    assertThat(GeneratorOptions.parseSize("100m")).isEqualTo(100L << 20);
    assertThat(GeneratorOptions.parseSize("1g")).isEqualTo(1L << 30);
    assertThat(GeneratorOptions.parseSize("1G")).isEqualTo(1L << 30);
    assertThat(GeneratorOptions.parseSize("512k")).isEqualTo(512L << 10);
    assertThat(GeneratorOptions.parseSize("2t")).isEqualTo(2L << 40);
    assertThat(GeneratorOptions.parseSize("10MiB")).isEqualTo(10L << 20);
    assertThat(GeneratorOptions.parseSize("10mb")).isEqualTo(10L << 20);
    assertThat(GeneratorOptions.parseSize("12345")).isEqualTo(12345);
  }

  @Test
  void badSizesSayWhatIsExpected() {
    assertThatThrownBy(() -> GeneratorOptions.parseSize("10x"))
        .hasMessage("bad size '10x': use a whole number with an optional k, m, g or t suffix, e.g. 100m or 1g");
    assertThatThrownBy(() -> GeneratorOptions.parseSize("1.5g")).hasMessageStartingWith("bad size '1.5g'");
    assertThatThrownBy(() -> GeneratorOptions.parseSize("")).hasMessageStartingWith("bad size ''");
    assertThatThrownBy(() -> GeneratorOptions.parseSize("0m")).hasMessage("bad size '0m': it must be positive");
    assertThatThrownBy(() -> GeneratorOptions.parseSize("99999999999t")).hasMessage("bad size '99999999999t': too large");
  }

  @Test
  void durationsTakeUnits() {
    assertThat(GeneratorOptions.parseDuration("60s")).isEqualTo(60_000_000_000L);
    assertThat(GeneratorOptions.parseDuration("5m")).isEqualTo(300_000_000_000L);
    assertThat(GeneratorOptions.parseDuration("2h")).isEqualTo(7_200_000_000_000L);
    assertThat(GeneratorOptions.parseDuration("250ms")).isEqualTo(250_000_000L);
    assertThat(GeneratorOptions.parseDuration("90")).isEqualTo(90_000_000_000L);
    assertThatThrownBy(() -> GeneratorOptions.parseDuration("5q"))
        .hasMessage("bad duration '5q': use a whole number with ms, s, m or h, e.g. 60s or 2h");
    assertThatThrownBy(() -> GeneratorOptions.parseDuration("-1s")).hasMessageStartingWith("bad duration '-1s'");
  }

  @Test
  void theDefaultPaceIsSixSecondsPerMebibyte() {
    assertThat(GeneratorOptions.defaultDuration(10L << 20)).isEqualTo(60_000_000_000L);
    assertThat(GeneratorOptions.defaultDuration(1L << 30)).isEqualTo(6_144_000_000_000L);
    assertThat(GeneratorOptions.defaultDuration(1000)).isEqualTo(1_000_000_000L);
    assertThat(GeneratorOptions.of(10L << 20, 4)).isEqualTo(new GeneratorOptions(10L << 20, 4, 60_000_000_000L));
  }

  @Test
  void optionsAreChecked() {
    assertThatThrownBy(() -> new GeneratorOptions(0, 1, 1_000_000_000L)).hasMessage("size must be positive, not 0");
    assertThatThrownBy(() -> new GeneratorOptions(1, 1, 10)).hasMessage("duration must be at least 1 ms");
  }
}
