package org.scapsql.reader;

/**
 * One parameter of an event type. {@code nameTable} names the flag table used to
 * render flags, enum flags and modes; {@code dynTable} the dynamic-type table of a
 * {@link ParamType#DYN} value; {@code dirfdIndex} the parameter holding the
 * directory fd of a {@link ParamType#FSRELPATH}, or -1.
 */
public record ParamInfo(String name, ParamType type, PrintFormat format, String nameTable, String dynTable,
    int dirfdIndex) {

  public ParamInfo withType(ParamType t, PrintFormat f) {
    return new ParamInfo(name, t, f, nameTable, dynTable, dirfdIndex);
  }

  public ParamInfo withName(String n) {
    return new ParamInfo(n, type, format, nameTable, dynTable, dirfdIndex);
  }
}
