package org.scapsql.functions;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.sql.Timestamp;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Registers the functions of {@link ScapFunctions} on a connection and renders
 * their reference page, {@code docs/functions.md}.
 */
public final class Functions {
  private Functions() {}

  /** A function as documented: the method and its documentation. */
  public record Entry(String name, Method method, FunctionDoc doc) {}

  /** Every function, in the order of the reference page (by name, overloads by arity). */
  public static List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    for (Method m : ScapFunctions.class.getDeclaredMethods()) {
      int mod = m.getModifiers();
      if (!Modifier.isPublic(mod) || !Modifier.isStatic(mod)) {
        continue;
      }
      FunctionDoc doc = m.getAnnotation(FunctionDoc.class);
      if (doc == null) {
        throw new IllegalStateException("function " + m.getName() + " has no @FunctionDoc");
      }
      out.add(new Entry(m.getName(), m, doc));
    }
    out.sort(Comparator.comparing(Entry::name).thenComparing(e -> e.method().getParameterCount()));
    return out;
  }

  /**
   * Adds every function to {@code schema}. Functions of the root schema resolve
   * unqualified from any default schema and from inside views.
   */
  public static void register(SchemaPlus schema) {
    if (schema == null) {
      throw new IllegalArgumentException("a schema to register the functions in is required");
    }
    for (Entry e : entries()) {
      ScalarFunction f = ScalarFunctionImpl.create(e.method());
      schema.add(e.name(), e.method().getReturnType() == Timestamp.class ? new MillisecondTimestamp(f) : f);
    }
  }

  /**
   * A function returning {@code java.sql.Timestamp}, typed TIMESTAMP(3): Calcite
   * would type it TIMESTAMP(0) and print it without its milliseconds.
   */
  private static final class MillisecondTimestamp implements ScalarFunction, ImplementableFunction {
    private final ScalarFunction delegate;

    MillisecondTimestamp(ScalarFunction delegate) {
      this.delegate = delegate;
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3), true);
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return delegate.getParameters();
    }

    @Override
    public CallImplementor getImplementor() {
      return ((ImplementableFunction) delegate).getImplementor();
    }
  }

  /** The reference page. */
  public static String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# SQL functions\n\n");
    sb.append("Every scapsql connection (the JDBC driver, the shell, the server) has these functions, callable"
        + " unqualified\nfrom any schema and used by the [Inspect views](views.md). A NULL argument gives"
        + " NULL. Generated from\nthe code (`Functions.markdown()`); a test runs every example below and"
        + " checks its answer.\n\n");
    sb.append("| function | returns | what it does |\n| --- | --- | --- |\n");
    for (Entry e : entries()) {
      sb.append("| [`").append(e.doc().signature()).append("`](#").append(anchor(e)).append(") | ")
          .append(e.doc().returns()).append(" | ").append(firstSentence(e.doc().description())).append(" |\n");
    }
    for (Entry e : entries()) {
      sb.append("\n## ").append(e.doc().signature()).append("\n\n");
      sb.append(e.doc().description()).append(" Returns ").append(e.doc().returns()).append(".\n\n");
      sb.append("```sql\n").append(e.doc().example()).append(";\n```\n\n");
      sb.append("gives `").append(e.doc().result().replace("\t", "\\t").replace("\n", "\\n")).append("`");
      if (e.doc().result().contains("\t") || e.doc().result().contains("\n")) {
        sb.append(" (`\\t` a tab, `\\n` a line break)");
      }
      sb.append(".\n");
    }
    return sb.toString();
  }

  private static String anchor(Entry e) {
    String sig = e.doc().signature().toLowerCase(java.util.Locale.ROOT);
    StringBuilder a = new StringBuilder();
    for (char c : sig.toCharArray()) {
      if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
        a.append(c);
      } else if (c == ' ') {
        a.append('-');
      }
    }
    return a.toString();
  }

  private static String firstSentence(String text) {
    int dot = text.indexOf(". ");
    String s = dot < 0 ? text : text.substring(0, dot + 1);
    return s.replace("|", "\\|");
  }

  /** Writes the reference page: {@code java ... Functions [docs/functions.md]}. */
  public static void main(String[] args) throws IOException {
    Files.writeString(Path.of(args.length > 0 ? args[0] : "docs/functions.md"), markdown());
  }
}
