package org.scapsql.reader;

/** How an integer parameter is printed ({@code ppm_print_format}). */
public enum PrintFormat {
  NA, DEC, HEX, PADDED_DEC, ID, DIR, OCT;

  public static PrintFormat of(String tsvName) {
    switch (tsvName) {
      case "PF_DEC": return DEC;
      case "PF_HEX": return HEX;
      case "PF_10_PADDED_DEC": return PADDED_DEC;
      case "PF_ID": return ID;
      case "PF_DIR": return DIR;
      case "PF_OCT": return OCT;
      default: return NA;
    }
  }
}
