package org.scapsql.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every named event id is the one the event table gives that name. */
class EventIdsTest {
  /** The table's rows by the name {@link EventIds} gives them: NAME[_Vn]_E|X. */
  private static Map<String, Integer> namesFromTable() throws IOException {
    Map<String, Integer> byName = new HashMap<>();
    Map<String, Integer> versions = new HashMap<>();
    try (InputStream in = EventIdsTest.class.getResourceAsStream("/org/scapsql/reader/event-table.tsv")) {
      assertThat(in).as("event table resource").isNotNull();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      r.readLine();
      for (String line; (line = r.readLine()) != null; ) {
        String[] c = line.split("\t", -1);
        String base = c[1].toUpperCase(Locale.ROOT);
        int v = versions.merge(base + "_" + c[2], 1, Integer::sum);
        byName.put((v == 1 ? base : base + "_V" + v) + "_" + c[2], Integer.parseInt(c[0]));
      }
    }
    return byName;
  }

  @Test
  void everyConstantIsTheTablesIdForItsName() throws Exception {
    Map<String, Integer> table = namesFromTable();
    int checked = 0;
    for (Field f : EventIds.class.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers()) || f.getType() != int.class) {
        continue;
      }
      assertThat(table).as("event table entry for " + f.getName()).containsKey(f.getName());
      assertThat(f.getInt(null)).as(f.getName()).isEqualTo(table.get(f.getName()));
      checked++;
    }
    assertThat(checked).isGreaterThan(40);
  }

  @Test
  void versionsAreCountedInIdOrder() throws Exception {
    Map<String, Integer> table = namesFromTable();
    assertThat(table.get("CLONE_X")).isLessThan(table.get("CLONE_V2_X"));
    assertThat(table.get("CLONE_V2_X")).isLessThan(table.get("CLONE_V3_X"));
    assertThat(table).containsEntry("OPEN_E", 2).containsEntry("OPEN_X", 3);
  }
}
