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
  void theVerbLooksPastExplainWithAndParentheses() {
    assertThat(ReadOnlyGuard.verb("EXPLAIN PLAN FOR INSERT INTO events (evt_num) VALUES (1)")).isEqualTo("INSERT");
    assertThat(ReadOnlyGuard.verb("explain plan with implementation as json for delete from events"))
        .isEqualTo("DELETE");
    assertThat(ReadOnlyGuard.verb("WITH x AS (SELECT 1) INSERT INTO events (evt_num) SELECT * FROM x"))
        .isEqualTo("INSERT");
    assertThat(ReadOnlyGuard.verb("with recursive a (n) as (select 1), \"b\" as (select ')' from a) update t set"))
        .isEqualTo("UPDATE");
    assertThat(ReadOnlyGuard.verb("EXPLAIN PLAN FOR WITH x AS (SELECT 1) SELECT * FROM x")).isEqualTo("SELECT");
    assertThat(ReadOnlyGuard.verb("/* c */ ( ( select 1 ) )")).isEqualTo("SELECT");
    assertThat(ReadOnlyGuard.verb("WITH broken")).isEqualTo("WITH");
    assertThat(ReadOnlyGuard.verb("'insert'")).isNull();
  }

  @Test
  void writesAreRefusedWithAReadOnlyState() {
    for (String sql : new String[] {"INSERT INTO events VALUES (1)", "update events set evt_num = 1",
        "Delete from events", "create table t (a int)", "DROP TABLE events", "alter table events add x int",
        "merge into events using x on true when matched then delete", "truncate table events",
        "/* sneaky */ (upsert into events values (1))", "EXPLAIN PLAN FOR INSERT INTO events (evt_num) VALUES (1)",
        "explain plan including all attributes with type for create table t (a int)",
        "WITH x AS (SELECT 1) INSERT INTO events (evt_num) SELECT * FROM x",
        "WITH x (a) AS (SELECT ')') , y AS ((SELECT 2)) DELETE FROM events"}) {
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
        "EXPLAIN PLAN FOR SELECT 1", "(select 1) union (select 2)", "select 'insert' from events",
        "with \"delete\" as (select 1) select * from \"delete\"", "explain plan for with x as (select 1) values (2)"}) {
      assertThatCode(() -> ReadOnlyGuard.check(sql)).as(sql).doesNotThrowAnyException();
    }
  }
}
