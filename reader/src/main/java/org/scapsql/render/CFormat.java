package org.scapsql.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Numbers as C's printf prints them, where sysdig's output goes through it. */
final class CFormat {
  private CFormat() {
  }

  /** C's printf("%g"): six significant digits, trailing zeros dropped, exponent form outside 1e-4..1e6. */
  static String g(double v) {
    if (v == 0) {
      return "0";
    }
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    BigDecimal bd = new BigDecimal(v).round(new MathContext(6));
    int exp = bd.precision() - bd.scale() - 1;
    if (exp < -4 || exp >= 6) {
      BigDecimal mant = bd.movePointLeft(exp);
      String m = strip(mant.setScale(5, RoundingMode.HALF_EVEN).toPlainString());
      String es = String.format("%02d", Math.abs(exp));
      return m + "e" + (exp < 0 ? "-" : "+") + es;
    }
    return strip(bd.setScale(Math.max(0, 5 - exp), RoundingMode.HALF_EVEN).toPlainString());
  }

  private static String strip(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }
}
