package org.scapsql.server;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scapsql.driver.Jdbc;

/**
 * Primary and foreign keys of the lifetime ids in DatabaseMetaData, as DBeaver and
 * BI tools read them to draw and follow joins: locally and through the server with
 * the scapsql driver ({@code jdbc:scap:http://}).
 */
class KeysMetadataTest {
  private static Path capture;
  private static ScapServer server;
  /** Sockets with an address in connect_localhost.scap. */
  private static final int CONNECTIONS = 33;

  @BeforeAll
  static void start() throws Exception {
    capture = Fixtures.capture("connect_localhost.scap");
    server = ScapServer.start(List.of(capture), ScapServer.LOOPBACK, 0);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Connection connect(String where) throws SQLException {
    return DriverManager.getConnection(where.equals("local") ? "jdbc:scap:" + capture : server.scapUrl());
  }

  /** Every row of a result set, with its column labels as the first row. */
  private static List<String> table(ResultSet rs) throws SQLException {
    try (rs) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> out = new ArrayList<>();
      StringBuilder head = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        head.append(i > 1 ? "|" : "").append(md.getColumnLabel(i));
      }
      out.add(head.toString());
      out.addAll(Jdbc.rows(rs));
      return out;
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"local", "remote"})
  void primaryKeysAreTheLifetimeIdsWithTheCapture(String where) throws SQLException {
    try (Connection c = connect(where)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(table(md.getPrimaryKeys(null, "scap", "processes"))).containsExactly(
          "TABLE_CAT|TABLE_SCHEM|TABLE_NAME|COLUMN_NAME|KEY_SEQ|PK_NAME",
          "null|scap|processes|capture|2|processes_pkey",
          "null|scap|processes|proc_lifetime|1|processes_pkey");
      assertThat(table(md.getPrimaryKeys(null, null, "fds"))).containsExactly(
          "TABLE_CAT|TABLE_SCHEM|TABLE_NAME|COLUMN_NAME|KEY_SEQ|PK_NAME",
          "null|scap|fds|capture|2|fds_pkey", "null|scap|fds|fd_lifetime|1|fds_pkey");
      assertThat(table(md.getPrimaryKeys(null, "scap", "threads"))).hasSize(3);
      assertThat(table(md.getPrimaryKeys(null, "scap", "connections"))).hasSize(3);
      // Tables without a key, another schema, a catalog: nothing.
      assertThat(table(md.getPrimaryKeys(null, "scap", "events"))).hasSize(1);
      assertThat(table(md.getPrimaryKeys(null, "metadata", "processes"))).hasSize(1);
      assertThat(table(md.getPrimaryKeys("x", "scap", "processes"))).hasSize(1);
      try (ResultSet rs = md.getPrimaryKeys(null, "scap", "threads")) {
        assertThat(rs.getMetaData().getColumnType(5)).isEqualTo(Types.SMALLINT);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getShort("KEY_SEQ")).isEqualTo((short) 2);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"local", "remote"})
  void foreignKeysFollowEveryLifetimeJoin(String where) throws SQLException {
    String head = "PKTABLE_CAT|PKTABLE_SCHEM|PKTABLE_NAME|PKCOLUMN_NAME|FKTABLE_CAT|FKTABLE_SCHEM|FKTABLE_NAME"
        + "|FKCOLUMN_NAME|KEY_SEQ|UPDATE_RULE|DELETE_RULE|FK_NAME|PK_NAME|DEFERRABILITY";
    try (Connection c = connect(where)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(table(md.getImportedKeys(null, "scap", "events"))).containsExactly(head,
          "null|scap|fds|fd_lifetime|null|scap|events|fd_lifetime|1|3|3|events_fd_lifetime_fkey|fds_pkey|7",
          "null|scap|fds|capture|null|scap|events|capture|2|3|3|events_fd_lifetime_fkey|fds_pkey|7",
          "null|scap|processes|proc_lifetime|null|scap|events|proc_lifetime|1|3|3|events_proc_lifetime_fkey"
              + "|processes_pkey|7",
          "null|scap|processes|capture|null|scap|events|capture|2|3|3|events_proc_lifetime_fkey|processes_pkey|7",
          "null|scap|threads|thread_lifetime|null|scap|events|thread_lifetime|1|3|3|events_thread_lifetime_fkey"
              + "|threads_pkey|7",
          "null|scap|threads|capture|null|scap|events|capture|2|3|3|events_thread_lifetime_fkey|threads_pkey|7");
      List<String> exported = table(md.getExportedKeys(null, "scap", "processes"));
      assertThat(exported.subList(1, exported.size())).extracting(r -> r.split("\\|")[6] + "." + r.split("\\|")[7])
          .containsExactly("connections.proc_lifetime", "connections.capture", "events.proc_lifetime",
              "events.capture", "fds.proc_lifetime", "fds.capture", "io_chunks.proc_lifetime", "io_chunks.capture",
              "processes.proc_plifetime", "processes.capture", "threads.proc_lifetime", "threads.capture",
              "threads_at_end.proc_lifetime", "threads_at_end.capture");
      assertThat(table(md.getCrossReference(null, "scap", "fds", null, "scap", "connections"))).containsExactly(head,
          "null|scap|fds|fd_lifetime|null|scap|connections|fd_lifetime|1|3|3|connections_fd_lifetime_fkey|fds_pkey|7",
          "null|scap|fds|capture|null|scap|connections|capture|2|3|3|connections_fd_lifetime_fkey|fds_pkey|7");
      assertThat(table(md.getCrossReference(null, "scap", "threads", null, "scap", "fds"))).containsExactly(head);
      assertThat(table(md.getImportedKeys(null, "scap", "users"))).containsExactly(head);
      assertThat(table(md.getExportedKeys(null, "scap", "events"))).containsExactly(head);
    }
  }

  @Test
  void followingAForeignKeyJoinsTheRowsItNames() throws SQLException {
    // What a tool does with an imported key: join on its columns. One connection, its events.
    try (Connection c = connect("remote")) {
      List<String> join = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getImportedKeys(null, "scap", "connections")) {
        while (rs.next()) {
          if (rs.getString("PKTABLE_NAME").equals("fds")) {
            join.add("e." + rs.getString("FKCOLUMN_NAME") + " = f." + rs.getString("PKCOLUMN_NAME"));
          }
        }
      }
      assertThat(join).containsExactly("e.fd_lifetime = f.fd_lifetime", "e.capture = f.capture");
      // Every connection finds its one fd row, the same socket by name and owner.
      assertThat(Jdbc.rows(c, "SELECT count(*), sum(CASE WHEN f.fd_name = e.fd_name AND f.proc_lifetime ="
          + " e.proc_lifetime THEN 1 ELSE 0 END), count(DISTINCT f.fd_lifetime) FROM connections e JOIN fds f ON "
          + String.join(" AND ", join))).containsExactly(CONNECTIONS + "|" + CONNECTIONS + "|" + CONNECTIONS);
      assertThat(Jdbc.rows(c, "SELECT count(*) FROM connections")).containsExactly(String.valueOf(CONNECTIONS));
    }
  }

  @Test
  void avaticasOwnDriverCannotAskForKeys() throws SQLException {
    // Avatica's protocol has no request for keys; connect.md points to jdbc:scap:http:// instead.
    try (Connection c = DriverManager.getConnection(server.url())) {
      assertThat(table(c.getMetaData().getPrimaryKeys(null, "scap", "processes"))).hasSize(1);
    }
  }
}
