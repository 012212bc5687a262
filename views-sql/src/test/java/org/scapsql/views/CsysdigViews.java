package org.scapsql.views;

import org.scapsql.adapter.connection.ScapConnections;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares the Inspect views with csysdig's JSON output ({@code csysdig -r CAPTURE -v
 * VIEW -j -pc}, saved as {@code CAPTURE__VIEW.txt} with a first comment line).
 *
 * <p>Each check is a query over one view that returns csysdig's row key {@code k}
 * first, then csysdig's displayed columns in csysdig's order, formatted as csysdig
 * formats them where the view keeps raw numbers (latencies, times). Rows are matched
 * by key, as csysdig's order among ties is a hash order. The deliberate differences
 * documented in docs/views.md are handled here, each by a rule that asserts what
 * the difference is, never by skipping a comparison silently.
 */
final class CsysdigViews {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How one displayed column is compared. */
  enum Rule {
    /** Equal as text, or as numbers for numeric cells. */
    EQUAL,
    /** csysdig prints IPv4 addresses of this column as garbage IPv6 text: an IPv4 answer must be in the key. */
    IP_GARBLED_IF_V4
  }

  /** A view check: the csysdig view, our query, and one rule per displayed column. */
  record Check(String csysdig, String sql, List<Rule> rules, boolean list, boolean pcDropsUnknownVpid) {}

  private static Check table(String csysdig, String sql, Rule... rules) {
    return new Check(csysdig, sql, List.of(rules), false, false);
  }

  private static Check pcTable(String csysdig, String sql, Rule... rules) {
    return new Check(csysdig, sql, List.of(rules), false, true);
  }

  private static Check list(String csysdig, String sql, Rule... rules) {
    return new Check(csysdig, sql, List.of(rules), true, false);
  }

  private static final String CONTAINER_PREFIX = "CASE WHEN container_id = 'host' THEN '' ELSE container_id END || ':'";
  private static final Rule E = Rule.EQUAL;

  static final List<Check> CHECKS = List.of(
      table("connections", "SELECT " + CONTAINER_PREFIX + " || fd_name, fd_l4proto, fd_lip, fd_lport, fd_rip,"
          + " fd_rport, bytes_in, bytes_out, ops, container_name, proc_exeline FROM inspect.connections",
          E, Rule.IP_GARBLED_IF_V4, E, Rule.IP_GARBLED_IF_V4, E, E, E, E, E, E),
      table("containers", "SELECT container_id, cpu, procs, threads, virt, res, file_bytes, net_bytes,"
          + " container_type, container_image, container_id, container_name FROM inspect.containers",
          E, E, E, E, E, E, E, E, E, E, E),
      table("directories", "SELECT " + CONTAINER_PREFIX + " || fd_directory, bytes_in, bytes_out, ops, opens,"
          + " errors, container_name, fd_directory FROM inspect.directories", E, E, E, E, E, E, E),
      table("errors", "SELECT evt_res, errors, evt_res FROM inspect.errors", E, E),
      table("files", "SELECT " + CONTAINER_PREFIX + " || fd_name, bytes_in, bytes_out, ops, opens, errors,"
          + " container_name, fd_name FROM inspect.files", E, E, E, E, E, E, E),
      table("io_by_type", "SELECT COALESCE(fd_type, ''), bytes_in, bytes_out, ops, format_duration(latency),"
          + " COALESCE(fd_type, '') FROM inspect.io_by_type", E, E, E, E, E),
      pcTable("page_faults", "SELECT CAST(proc_pid AS VARCHAR), major_faults, minor_faults, proc_pid, proc_vpid,"
          + " container_name, proc_exeline FROM inspect.page_faults", E, E, E, E, E, E),
      list("port_bindings", "SELECT format_time(evt_rawtime), evt_type, fd_sport, proc_exeline"
          + " FROM inspect.port_bindings ORDER BY evt_rawtime, evt_num", E, E, E, E),
      pcTable("procs", "SELECT CAST(proc_pid AS VARCHAR), proc_pid, proc_ppid, proc_vpid, cpu, user_name, threads,"
          + " virt, res, file_bytes, net_bytes, container_name, proc_exeline FROM inspect.processes",
          E, E, E, E, E, E, E, E, E, E, E, E),
      pcTable("procs_cpu", "SELECT CAST(proc_pid AS VARCHAR), proc_pid, proc_vpid, cpu, cpu_user, cpu_system,"
          + " calls, container_name, proc_exeline FROM inspect.processes_cpu", E, E, E, E, E, E, E, E),
      table("procs_errors", "SELECT CAST(proc_pid AS VARCHAR), file_errors, net_errors, memory_errors,"
          + " other_errors, proc_pid, container_name, proc_exeline FROM inspect.processes_errors",
          E, E, E, E, E, E, E),
      table("sports", "SELECT CAST(fd_sport AS VARCHAR), fd_sport, bytes_in, bytes_out, calls"
          + " FROM inspect.server_ports", E, E, E, E),
      table("slow_io", "SELECT CAST(evt_rawtime AS VARCHAR), format_time(evt_rawtime),"
          + " format_duration(evt_latency), fd_name, container_name, proc_pid, proc_exeline"
          + " FROM inspect.slow_file_io", E, E, E, E, E, E),
      table("spy_users_wsysdig", "SELECT thread_nametid, format_time(first_rawtime), user_name, proc_ppid,"
          + " container_name, proc_exeline FROM inspect.spy_users", E, E, E, E, E),
      table("syscalls", "SELECT evt_type, calls, format_duration(latency),"
          + " format_duration(latency / calls), evt_type FROM inspect.system_calls", E, E, E, E),
      pcTable("threads", "SELECT CAST(thread_tid AS VARCHAR), proc_pid, thread_tid, proc_vpid, thread_vtid, cpu,"
          + " file_bytes, net_bytes, container_name, proc_exeline FROM inspect.threads",
          E, E, E, E, E, E, E, E, E),
      list("incoming_connections", "SELECT format_time(evt_rawtime), fd_name, container_name, proc_exeline"
          + " FROM inspect.new_connections ORDER BY evt_rawtime, evt_num", E, E, E, E),
      table("syscall_procs", "SELECT CAST(proc_pid AS VARCHAR), calls, format_duration(latency),"
          + " container_name, proc_exeline FROM inspect.syscall_callers", E, E, E, E));

  private CsysdigViews() {}

  static Check check(String csysdig) {
    return CHECKS.stream().filter(c -> c.csysdig().equals(csysdig)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no check for csysdig view " + csysdig));
  }

  /** The rows of a csysdig JSON output: key to displayed cells, in file order. */
  static Map<String, List<JsonNode>> reference(Path file) throws IOException {
    String text = Files.readString(file);
    int start = text.indexOf('{');
    if (start < 0) {
      throw new AssertionError(file + " holds no csysdig JSON output");
    }
    JsonNode root = JSON.readTree(text.substring(start));
    Map<String, List<JsonNode>> rows = new LinkedHashMap<>();
    for (JsonNode slice : root.path("slices")) {
      for (JsonNode row : slice.path("data")) {
        List<JsonNode> d = new ArrayList<>();
        row.path("d").forEach(d::add);
        rows.put(row.path("k").asText(), d);
      }
    }
    return rows;
  }

  /**
   * Every difference between our view and csysdig's output for one capture; empty
   * when they agree. {@code refDir} holds {@code CAPTURE__VIEW.txt} (and, for the
   * views csysdig thins under {@code -pc}, {@code CAPTURE__VIEW_nopc.txt}).
   */
  static List<String> differences(Connection c, Path refDir, String capture, Check check)
      throws IOException, SQLException {
    Path nopc = check.pcDropsUnknownVpid() ? refDir.resolve(capture + "__" + check.csysdig() + "_nopc.txt") : null;
    return differences(c, refDir.resolve(capture + "__" + check.csysdig() + ".txt"), nopc, check, "");
  }

  /**
   * The same against one csysdig output file, with {@code where} (e.g. a drill-down,
   * " WHERE proc_pid = 42") added to our query; {@code nopc} is csysdig's output
   * without -pc for the views that -pc thins, or null.
   */
  static List<String> differences(Connection c, Path file, Path nopc, Check check, String where)
      throws IOException, SQLException {
    Map<String, List<JsonNode>> expected = reference(file);
    List<String> diffs = new ArrayList<>();
    String sql = check.sql();
    if (!where.isEmpty()) {
      int order = sql.indexOf(" ORDER BY ");
      sql = order < 0 ? sql + where : sql.substring(0, order) + where + sql.substring(order);
    }
    List<List<String>> ours = rows(c, sql);
    if (check.list()) {
      List<List<JsonNode>> exp = new ArrayList<>(expected.values());
      if (exp.size() != ours.size()) {
        diffs.add(check.csysdig() + ": " + ours.size() + " rows, csysdig " + exp.size());
        return diffs;
      }
      for (int i = 0; i < exp.size(); i++) {
        compareRow(check, String.valueOf(i + 1), prepend(ours.get(i)), exp.get(i), false, diffs);
      }
      return diffs;
    }
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (List<String> r : ours) {
      if (byKey.put(r.get(0), r) != null) {
        diffs.add(check.csysdig() + ": key " + r.get(0) + " twice in our view");
      }
    }
    Map<String, List<JsonNode>> withoutPc = nopc == null ? Map.of() : reference(nopc);
    TreeSet<String> keys = new TreeSet<>(byKey.keySet());
    keys.addAll(expected.keySet());
    for (String k : keys) {
      List<String> mine = byKey.get(k);
      List<JsonNode> theirs = expected.get(k);
      if (mine == null) {
        diffs.add(check.csysdig() + " " + k + ": missing from our view; csysdig " + theirs);
      } else if (theirs == null) {
        // Deliberate difference: csysdig -pc drops the threads whose vpid is unknown; without -pc it keeps them.
        List<JsonNode> unthinned = withoutPc.get(k);
        if (unthinned == null) {
          diffs.add(check.csysdig() + " " + k + ": only in our view: " + mine);
        } else {
          compareRow(check, k, mine, unthinned, true, diffs);
        }
      } else {
        compareRow(check, k, mine, theirs, false, diffs);
      }
    }
    return diffs;
  }

  private static boolean pcOnly(String column) {
    return column.equals("proc_vpid") || column.equals("thread_vtid") || column.equals("container_name");
  }

  /** The displayed columns of a check: the select list after the key. */
  private static List<String> columnNames(Check check) {
    String select = check.sql().substring("SELECT ".length(), check.sql().indexOf(" FROM inspect."));
    select = select.replace(" AS VARCHAR)", ")");
    List<String> names = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char ch : select.toCharArray()) {
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      }
      if (ch == ',' && depth == 0) {
        names.add(cur.toString().strip());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    names.add(cur.toString().strip());
    return check.list() ? names : names.subList(1, names.size());
  }

  private static void compareRow(Check check, String k, List<String> mine, List<JsonNode> theirs,
      boolean withoutPc, List<String> diffs) {
    List<String> names = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    List<String> values = new ArrayList<>();
    List<String> all = columnNames(check);
    for (int i = 0; i < all.size(); i++) {
      if (withoutPc && pcOnly(all.get(i))) {
        continue;
      }
      names.add(all.get(i));
      rules.add(check.rules().get(i));
      values.add(mine.get(i + 1));
    }
    if (values.size() != theirs.size()) {
      diffs.add(check.csysdig() + " " + k + ": " + values.size() + " columns, csysdig " + theirs.size());
      return;
    }
    for (int i = 0; i < theirs.size(); i++) {
      String ours = values.get(i);
      JsonNode ref = theirs.get(i);
      String where = check.csysdig() + " " + k + " " + names.get(i) + ": ours " + ours + ", csysdig " + ref;
      switch (rules.get(i)) {
        case IP_GARBLED_IF_V4:
          if (ours != null && ours.contains(".") && !ours.contains(":")) {
            if (!k.contains(ours + ":") || ref.asText().equals(ours)) {
              diffs.add(where + " (an IPv4 address csysdig garbles must appear in the key)");
            }
          } else if (!same(ours, ref)) {
            diffs.add(where);
          }
          break;
        default:
          if (!same(ours, ref)) {
            diffs.add(where);
          }
      }
    }
  }

  /** A list row has no key column: give it an empty one so cells line up with the names. */
  private static List<String> prepend(List<String> row) {
    List<String> r = new ArrayList<>();
    r.add("");
    r.addAll(row);
    return r;
  }

  static boolean same(String ours, JsonNode ref) {
    if (ref.isNumber()) {
      if (ours == null) {
        return false;
      }
      try {
        BigDecimal a = new BigDecimal(ours);
        BigDecimal b = ref.decimalValue();
        return a.subtract(b).abs().compareTo(new BigDecimal("1e-9")) <= 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return Objects.equals(ours == null ? "" : ours.strip(), ref.asText().strip());
  }

  private static List<List<String>> rows(Connection c, String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> r = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          r.add(rs.getString(i));
        }
        out.add(r);
      }
    }
    return out;
  }

  /** For development: compares every view against csysdig output in a folder. Args: capture refDir [view]. */
  public static void main(String[] args) throws Exception {
    Path capture = Path.of(args[0]);
    String name = capture.getFileName().toString().replaceFirst("\\.scap(\\.gz)?$", "");
    try (Connection c = ScapConnections.connect(List.of(capture))) {
      for (Check check : CHECKS) {
        if (args.length > 2 && !args[2].equals(check.csysdig())) {
          continue;
        }
        List<String> d = differences(c, Path.of(args[1]), name, check);
        System.out.println("== " + check.csysdig() + ": " + d.size() + " differences");
        d.stream().limit(15).forEach(System.out::println);
      }
    }
  }
}
