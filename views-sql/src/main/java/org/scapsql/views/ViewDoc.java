package org.scapsql.views;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The doc comment that opens every view's {@code .sql} file, parsed. It is the one
 * source of the view's documentation: {@code docs/views.md}, the JDBC remarks of the
 * view and its columns, and which of its columns are context columns.
 *
 * <p>Format: a {@code /** ... *}{@code /} block; free text before the first tag is the
 * purpose; tags, each continued on the lines that follow it until the next tag:
 * <pre>
 * &#64;title Files                      Inspect's title
 * &#64;csysdig files                    the csysdig view it reproduces (or "overview", "echo", ...)
 * &#64;key container_id, fd_name        what one row stands for
 * &#64;column bytes_in Bytes read ...   one per output column, in order
 * &#64;context proc_pid Inspect's ...   a context column: filters the events, not the rows
 * &#64;drilldown processes ...          where a row leads, with the WHERE to use
 * &#64;order ops DESC                   Inspect's order
 * &#64;difference ...                   where this view deliberately differs from Inspect
 * &#64;pending ...                      what waits for a column the tables do not have yet
 * &#64;source                           the event rows other views aggregate (context filters land here)
 * &#64;java ...                         implemented in Java, not by the file's SQL (which is then absent)
 * </pre>
 */
public record ViewDoc(String name, String title, String csysdig, String purpose, String key,
    Map<String, String> columns, Map<String, String> context, List<String> drilldowns, String order,
    List<String> differences, List<String> pending, boolean source, String java) {

  /** Parses the comment at the top of {@code sql}; {@code name} is the view's name, for messages. */
  public static ViewDoc parse(String name, String sql) {
    String s = sql.stripLeading();
    if (!s.startsWith("/**")) {
      throw new IllegalArgumentException("view " + name + ": the file must open with a /** doc comment */");
    }
    int end = s.indexOf("*/");
    if (end < 0) {
      throw new IllegalArgumentException("view " + name + ": the doc comment is not closed");
    }
    String title = null;
    String csysdig = null;
    String key = null;
    String order = null;
    boolean source = false;
    String java = null;
    StringBuilder purpose = new StringBuilder();
    Map<String, String> columns = new LinkedHashMap<>();
    Map<String, String> context = new LinkedHashMap<>();
    List<String> drilldowns = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    List<String> pending = new ArrayList<>();

    List<String[]> tags = new ArrayList<>();
    for (String raw : s.substring(3, end).split("\n")) {
      String line = raw.strip();
      if (line.startsWith("*")) {
        line = line.substring(1).strip();
      }
      if (line.startsWith("@")) {
        int sp = line.indexOf(' ');
        tags.add(new String[] {sp < 0 ? line.substring(1) : line.substring(1, sp),
            sp < 0 ? "" : line.substring(sp + 1).strip()});
      } else if (!tags.isEmpty()) {
        String[] last = tags.get(tags.size() - 1);
        last[1] = join(last[1], line);
      } else {
        if (line.isEmpty()) {
          if (purpose.length() > 0 && !purpose.toString().endsWith("\n\n")) {
            purpose.append("\n\n");
          }
        } else {
          if (purpose.length() > 0 && !purpose.toString().endsWith("\n\n")) {
            purpose.append(' ');
          }
          purpose.append(line);
        }
      }
    }
    for (String[] t : tags) {
      String tag = t[0];
      String text = t[1];
      switch (tag) {
        case "title": title = text; break;
        case "csysdig": csysdig = text; break;
        case "key": key = text; break;
        case "order": order = text; break;
        case "source": source = true; break;
        case "java": java = text; break;
        case "drilldown": drilldowns.add(text); break;
        case "difference": differences.add(text); break;
        case "pending": pending.add(text); break;
        case "column":
        case "context": {
          int sp = text.indexOf(' ');
          if (sp < 0) {
            throw new IllegalArgumentException("view " + name + ": @" + tag + " " + text + " has no description");
          }
          Map<String, String> target = tag.equals("column") ? columns : context;
          String col = text.substring(0, sp);
          if (columns.containsKey(col) || context.containsKey(col)) {
            throw new IllegalArgumentException("view " + name + ": column " + col + " is documented twice");
          }
          target.put(col, text.substring(sp + 1).strip());
          break;
        }
        default:
          throw new IllegalArgumentException("view " + name + ": unknown doc tag @" + tag);
      }
    }
    if (title == null || purpose.length() == 0) {
      throw new IllegalArgumentException("view " + name + ": the doc comment needs a purpose and a @title");
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("view " + name + ": the doc comment documents no @column");
    }
    return new ViewDoc(name, title, csysdig, purpose.toString().strip(), key,
        Collections.unmodifiableMap(columns), Collections.unmodifiableMap(context), List.copyOf(drilldowns),
        order, List.copyOf(differences), List.copyOf(pending), source, java);
  }

  private static String join(String a, String b) {
    if (b.isEmpty()) {
      return a;
    }
    return a.isEmpty() ? b : a + " " + b;
  }

  /** The description of an output or context column, or null. */
  public String describe(String column) {
    for (Map.Entry<String, String> e : columns.entrySet()) {
      if (e.getKey().equalsIgnoreCase(column)) {
        return e.getValue();
      }
    }
    for (Map.Entry<String, String> e : context.entrySet()) {
      if (e.getKey().equalsIgnoreCase(column)) {
        return ContextColumns.REMARK_PREFIX + e.getValue();
      }
    }
    return null;
  }

  /** The first sentence of the purpose: the view's remark. */
  public String summary() {
    String p = purpose.replace("\n\n", " ");
    int dot = p.indexOf(". ");
    return dot < 0 ? p : p.substring(0, dot + 1);
  }
}
