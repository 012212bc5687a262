package org.scapsql.functions;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The documentation of one SQL function: what it does, and a query with its
 * answer. {@code docs/functions.md} is generated from these, and a test runs every
 * example and compares the answer, so the page cannot drift from the code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FunctionDoc {
  /** The call as a user writes it, with parameter names, e.g. {@code format_bytes(bytes)}. */
  String signature();

  /** SQL type of the result. */
  String returns();

  /** What the function computes, in a sentence or two (Markdown). */
  String description();

  /** A query that runs on any connection and returns one value. */
  String example();

  /** That value as {@code ResultSet.getString} gives it ({@code null} for SQL NULL). */
  String result();
}
