package org.scapsql.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ReadOnlyGuardTest {
  @Test
  void theFirstWordSkipsCommentsAndParentheses() {
    assertThat(ReadOnlyGuard.firstWord("  select 1")).isEqualTo("SELECT");
    assertThat(ReadOnlyGuard.firstWord("-- note\n/* block\n comment */ ((insert into t")).isEqualTo("INSERT");
    assertThat(ReadOnlyGuard.firstWord("/* unterminated")).isNull();
    assertThat(ReadOnlyGuard.firstWord("")).isNull();
    assertThat(ReadOnlyGuard.firstWord(null)).isNull();
  }

  @Test
  void writesAreRefusedWithAReadOnlyState() {
    for (String sql : new String[] {"INSERT INTO events VALUES (1)", "update events set evt_num = 1",
        "Delete from events", "create table t (a int)", "DROP TABLE events", "alter table events add x int",
        "merge into events using x on true when matched then delete", "truncate table events",
        "/* sneaky */ (upsert into events values (1))"}) {
      assertThatThrownBy(() -> ReadOnlyGuard.check(sql))
          .as(sql)
          .isInstanceOf(SQLException.class)
          .hasMessageStartingWith("scapsql is read-only: ")
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("25006");
    }
  }

  @Test
  void queriesPass() {
    for (String sql : new String[] {"SELECT 1", "with x as (select 1) select * from x", "VALUES (1)",
        "EXPLAIN PLAN FOR SELECT 1", "(select 1) union (select 2)", "select 'insert' from events"}) {
      assertThatCode(() -> ReadOnlyGuard.check(sql)).as(sql).doesNotThrowAnyException();
    }
  }
}
