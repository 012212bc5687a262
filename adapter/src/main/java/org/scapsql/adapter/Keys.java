package org.scapsql.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The primary and foreign keys of schema {@code scap}: the lifetime ids that join
 * the tables. Lifetime ids are numbered per capture, so with several captures a
 * key is the id together with {@code capture}. Nothing enforces them (the tables
 * are read-only views of a capture); tests check that every reference resolves.
 * JDBC metadata ({@code getPrimaryKeys}, {@code getImportedKeys}, ...) and
 * {@code docs/tables.md} are made from this list.
 */
public final class Keys {
  private Keys() {}

  /** A table's primary key. */
  public record PrimaryKey(String table, List<String> columns, String name) {}

  /** A reference from {@code columns} of {@code table} to the primary key of {@code refTable}. */
  public record ForeignKey(String name, String table, List<String> columns, String refTable, List<String> refColumns) {}

  private static final List<PrimaryKey> PRIMARY = List.of(
      pk("processes", "proc_lifetime"),
      pk("threads", "thread_lifetime"),
      pk("fds", "fd_lifetime"),
      pk("connections", "fd_lifetime"),
      pk("threads_at_end", "thread_lifetime"));

  private static final List<ForeignKey> FOREIGN = List.of(
      fk("events", "proc_lifetime", "processes"),
      fk("events", "thread_lifetime", "threads"),
      fk("events", "fd_lifetime", "fds"),
      fk("io_chunks", "proc_lifetime", "processes"),
      fk("io_chunks", "thread_lifetime", "threads"),
      fk("io_chunks", "fd_lifetime", "fds"),
      fk("processes", "proc_plifetime", "processes"),
      fk("threads", "proc_lifetime", "processes"),
      fk("fds", "proc_lifetime", "processes"),
      fk("connections", "proc_lifetime", "processes"),
      fk("connections", "fd_lifetime", "fds"),
      fk("threads_at_end", "thread_lifetime", "threads"),
      fk("threads_at_end", "proc_lifetime", "processes"));

  private static PrimaryKey pk(String table, String id) {
    return new PrimaryKey(table, List.of(id, "capture"), table + "_pkey");
  }

  private static ForeignKey fk(String table, String column, String refTable) {
    return new ForeignKey(table + "_" + column + "_fkey", table, List.of(column, "capture"), refTable,
        primaryKey(refTable).columns());
  }

  public static List<PrimaryKey> primaryKeys() {
    return PRIMARY;
  }

  public static List<ForeignKey> foreignKeys() {
    return FOREIGN;
  }

  /** The primary key of {@code table} (any case), or null. */
  public static PrimaryKey primaryKey(String table) {
    for (PrimaryKey k : PRIMARY) {
      if (k.table().equalsIgnoreCase(table)) {
        return k;
      }
    }
    return null;
  }

  /** The references made by {@code table} (any case). */
  public static List<ForeignKey> referencesFrom(String table) {
    List<ForeignKey> out = new ArrayList<>();
    for (ForeignKey k : FOREIGN) {
      if (k.table().equalsIgnoreCase(table)) {
        out.add(k);
      }
    }
    return out;
  }

  /** The references made to {@code table} (any case). */
  public static List<ForeignKey> referencesTo(String table) {
    List<ForeignKey> out = new ArrayList<>();
    for (ForeignKey k : FOREIGN) {
      if (k.refTable().equalsIgnoreCase(table)) {
        out.add(k);
      }
    }
    return out;
  }

  /** One line for the table reference, or "" when the table takes part in no key. */
  static String describe(String table) {
    StringBuilder sb = new StringBuilder();
    PrimaryKey pk = primaryKey(table);
    if (pk != null) {
      sb.append("Primary key: ").append(columns(pk.columns())).append('.');
    }
    List<ForeignKey> from = referencesFrom(table);
    if (!from.isEmpty()) {
      sb.append(sb.length() > 0 ? " " : "").append("References: ");
      for (int i = 0; i < from.size(); i++) {
        ForeignKey k = from.get(i);
        sb.append(i > 0 ? ", " : "").append(columns(k.columns())).append(" -> `").append(k.refTable()).append('`');
      }
      sb.append('.');
    }
    return sb.toString();
  }

  private static String columns(List<String> cols) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < cols.size(); i++) {
      sb.append(i > 0 ? ", " : "").append('`').append(cols.get(i).toLowerCase(Locale.ROOT)).append('`');
    }
    return sb.append(')').toString();
  }
}
