package org.scapsql.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.ViewTable;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.util.NlsString;

/**
 * {@code inspect.timeline(tile [, buckets])}: a tile's timeline in {@code buckets}
 * buckets (400, Inspect's native resolution, by default), grouped from
 * {@code inspect.tile_samples} as Inspect groups them: {@code ratio = ceil(samples /
 * buckets)} samples per bucket, a last incomplete group dropped, a bucket labelled with
 * its first sample's start, gauges averaged and the other tiles added up.
 */
final class TimelineMacro implements TableMacro {
  static final String NAME = "timeline";
  static final int NATIVE_SAMPLES = 400;
  private static final Pattern DOCKER_TILE = Pattern.compile("docker_events:[^']*");

  private final SchemaPlus root;
  private final boolean withBuckets;
  /** The tile ids of inspect.tiles, by lower-case id. */
  private final Map<String, String> tiles;

  TimelineMacro(SchemaPlus root, boolean withBuckets, Map<String, String> tiles) {
    this.root = root;
    this.withBuckets = withBuckets;
    this.tiles = Map.copyOf(tiles);
  }

  @Override
  public List<FunctionParameter> getParameters() {
    List<FunctionParameter> out = new ArrayList<>();
    out.add(parameter(0, "tile", String.class));
    if (withBuckets) {
      out.add(parameter(1, "buckets", Integer.class));
    }
    return out;
  }

  @Override
  public TranslatableTable apply(List<? extends Object> arguments) {
    Object tileArg = arguments.get(0);
    if (tileArg instanceof NlsString) {
      tileArg = ((NlsString) tileArg).getValue();
    }
    if (!(tileArg instanceof String)) {
      throw new IllegalArgumentException("timeline: the tile must be a text constant, e.g. 'file_bytes'"
          + " (see inspect.tiles)");
    }
    String tile = tiles.get(((String) tileArg).toLowerCase(Locale.ROOT));
    if (tile == null && DOCKER_TILE.matcher((String) tileArg).matches()) {
      tile = (String) tileArg;
    }
    if (tile == null) {
      throw new IllegalArgumentException("timeline: unknown tile '" + tileArg + "'; the tiles are listed in"
          + " inspect.tiles (column tile)");
    }
    int buckets = NATIVE_SAMPLES;
    if (withBuckets) {
      Object b = arguments.get(1);
      if (!(b instanceof Number) || ((Number) b).intValue() < 1) {
        throw new IllegalArgumentException("timeline: buckets must be a positive whole number, got " + b);
      }
      buckets = ((Number) b).intValue();
    }
    String sql = sql(tile, buckets);
    // The row type does not depend on the arguments: one query stands for all.
    String typical = sql("system_calls", NATIVE_SAMPLES);
    return new ViewTable(Object[].class,
        tf -> tf.copyType(RowTypes.of(root.getSubSchema(InspectViews.SCHEMA), "timeline()", typical)),
        sql, List.of(InspectViews.SCHEMA), null);
  }

  /** The query behind one call; the tile was checked against the known ids (no quote can reach it). */
  static String sql(String tile, int buckets) {
    return "SELECT s.capture, s.tile, s.sample / r.ratio AS bucket, MIN(s.sample_start) AS bucket_start,\n"
        + "  SUM(s.sample_width) AS bucket_width,\n"
        + "  CASE WHEN MAX(CASE WHEN s.gauge THEN 1 ELSE 0 END) = 1 THEN AVG(s.sample_value)\n"
        + "    ELSE SUM(s.sample_value) END AS bucket_value\n"
        + "FROM inspect.tile_samples s\n"
        + "  JOIN (SELECT capture, (COUNT(*) + " + buckets + " - 1) / " + buckets + " AS ratio, COUNT(*) AS samples\n"
        + "        FROM inspect.tile_clock GROUP BY capture) r ON r.capture = s.capture\n"
        + "WHERE s.tile = '" + tile + "' AND s.sample / r.ratio < r.samples / r.ratio\n"
        + "GROUP BY s.capture, s.tile, s.sample / r.ratio";
  }

  /**
   * A parameter typed by its Java class: Calcite hands a macro the values of its
   * literal arguments only for parameters of a Java type.
   */
  private static FunctionParameter parameter(int ordinal, String name, Class<?> type) {
    return new FunctionParameter() {
      @Override
      public int getOrdinal() {
        return ordinal;
      }

      @Override
      public String getName() {
        return name;
      }

      @Override
      public RelDataType getType(RelDataTypeFactory typeFactory) {
        return ((JavaTypeFactory) typeFactory).createType(type);
      }

      @Override
      public boolean isOptional() {
        return false;
      }
    };
  }
}
