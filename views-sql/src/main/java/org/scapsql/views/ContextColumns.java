package org.scapsql.views;

/** Wording shared by the documentation of context columns. */
final class ContextColumns {
  /** Opens the remark of every context column. */
  static final String REMARK_PREFIX = "Context column, for WHERE: restricts the events the view aggregates"
      + " (reads the constant it was compared with, else NULL). ";

  private ContextColumns() {}
}
