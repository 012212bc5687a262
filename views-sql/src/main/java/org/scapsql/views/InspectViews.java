package org.scapsql.views;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;

/**
 * Schema {@code inspect}: Sysdig Inspect's views, overview and timelines as SQL
 * views over schema {@code scap}, one {@code .sql} file each (listed in
 * {@code index.txt} next to them). Every connection gets it through
 * {@link #register}.
 */
public final class InspectViews {
  public static final String SCHEMA = "inspect";
  private static final String DIR = "/org/scapsql/views/";
  private static final Map<String, View> VIEWS = load();

  /** A view: its name, SQL text and parsed doc comment. */
  public record View(String name, String sql, ViewDoc doc) {}

  private InspectViews() {}

  /**
   * Adds schema {@code inspect} under {@code root}, which must already hold schema
   * {@code scap} and the functions of {@code org.scapsql.functions.Functions}.
   */
  public static void register(SchemaPlus root) {
    if (root == null) {
      throw new IllegalArgumentException("a root schema is required");
    }
    if (root.getSubSchema("scap") == null) {
      throw new IllegalArgumentException("schema inspect reads schema scap: add it to the root schema first");
    }
    ContextRewrite.install();
    root.add(SCHEMA, new InspectSchema(root));
  }

  /** Every view, in the order of the reference page. */
  public static Collection<View> views() {
    return VIEWS.values();
  }

  /** The JDBC remark of a view (the first sentence of its purpose), or null. */
  public static String tableRemark(String table) {
    View v = table == null ? null : VIEWS.get(table.toLowerCase(Locale.ROOT));
    return v == null ? null : v.doc().summary();
  }

  /** The JDBC remark of a view's column, or null. */
  public static String columnRemark(String table, String column) {
    View v = table == null ? null : VIEWS.get(table.toLowerCase(Locale.ROOT));
    return v == null || column == null ? null : v.doc().describe(column);
  }

  /** The ids of the tiles of inspect.tiles (read from its VALUES), by lower-case id. */
  static Map<String, String> tileIds() {
    Map<String, String> ids = new LinkedHashMap<>();
    Matcher m = Pattern.compile("\\(\\d+, '([^']+)'").matcher(VIEWS.get("tiles").sql());
    while (m.find()) {
      ids.put(m.group(1).toLowerCase(Locale.ROOT), m.group(1));
    }
    return ids;
  }

  private static Map<String, View> load() {
    Map<String, View> out = new LinkedHashMap<>();
    for (String line : resource("index.txt").split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      String sql = resource(name + ".sql");
      out.put(name, new View(name, sql, ViewDoc.parse(name, sql)));
    }
    return out;
  }

  static String resource(String file) {
    try (InputStream in = InspectViews.class.getResourceAsStream(DIR + file)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DIR + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema: one table per view, plus the timeline function. */
  private static final class InspectSchema extends AbstractSchema {
    private final SchemaPlus root;
    private final Map<String, Table> tables = new LinkedHashMap<>();

    InspectSchema(SchemaPlus root) {
      this.root = root;
      for (View v : VIEWS.values()) {
        if (v.doc().java() != null) {
          tables.put(v.name(), javaTable(v.name(), root));
          continue;
        }
        tables.put(v.name(), new InspectViewTable(v.doc(), v.sql(),
            tf -> tf.copyType(RowTypes.of(root.getSubSchema(SCHEMA), v.name(), v.sql()))));
      }
    }

    @Override
    protected Map<String, Table> getTableMap() {
      return tables;
    }

    @Override
    protected Multimap<String, Function> getFunctionMultimap() {
      Map<String, String> ids = tileIds();
      return ImmutableMultimap.<String, Function>builder()
          .put(TimelineMacro.NAME, new TimelineMacro(root, false, ids))
          .put(TimelineMacro.NAME, new TimelineMacro(root, true, ids))
          .put("key_count", AggregateFunctionImpl.create(KeyCount.class))
          .put("tick_rate", AggregateFunctionImpl.create(TickRate.class))
          .put("threads_tick_rate", AggregateFunctionImpl.create(ThreadsTickRate.class))
          .put("threads_max_sum", AggregateFunctionImpl.create(ThreadsMaxSum.class))
          .build();
    }
  }

  /** The views written in Java (their .sql file holds only the doc comment). */
  private static Table javaTable(String name, SchemaPlus root) {
    if (name.equals("tile_clock")) {
      return OverviewPassTable.clock(root);
    }
    if (name.equals("tile_totals")) {
      return OverviewPassTable.totals(root);
    }
    throw new IllegalStateException("no Java implementation for view " + name);
  }

  /** Writes the reference page: {@code java ... InspectViews [docs/views.md]}. */
  public static void main(String[] args) throws IOException, java.sql.SQLException {
    Files.writeString(Path.of(args.length > 0 ? args[0] : "docs/views.md"), ViewsPage.markdown());
  }
}
