package org.scapsql.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Makes a {@link ScapSchema} from a Calcite model. Operand {@code captures}: a
 * list of files and directories, or one string with paths separated by
 * {@code File.pathSeparator}.
 */
public final class ScapSchemaFactory implements SchemaFactory {
  public static final ScapSchemaFactory INSTANCE = new ScapSchemaFactory();

  @Override
  public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    Object c = operand.get("captures");
    if (c == null) {
      throw new IllegalArgumentException("schema " + name + ": operand 'captures' is required");
    }
    List<Path> paths = new ArrayList<>();
    if (c instanceof List) {
      for (Object o : (List<?>) c) {
        paths.add(Path.of(String.valueOf(o)));
      }
    } else {
      for (String s : String.valueOf(c).split(java.io.File.pathSeparator)) {
        if (!s.isBlank()) {
          paths.add(Path.of(s.strip()));
        }
      }
    }
    try {
      return new ScapSchema(Captures.resolve(paths));
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }
}
