package org.scapsql.functions;

/**
 * The three renderings of a captured I/O buffer that Sysdig Inspect's I/O streams
 * offer (csysdig's echo view: dotted, {@code -A} printable and {@code -X} hex).
 * Each renderer builds the text csysdig builds, then drops one leading and one
 * trailing newline as csysdig's JSON output does.
 */
public final class BufferText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private BufferText() {}

  /** Printable ASCII (0x20-0x7e) kept, every other byte (newlines included) as '.'. */
  public static String dotted(byte[] data) {
    StringBuilder sb = new StringBuilder(data.length);
    appendDotted(sb, data, 0, data.length);
    return trimNewlines(sb);
  }

  /**
   * Printable ASCII kept; a carriage return becomes a newline; a newline is kept
   * unless it opens the buffer or follows a carriage return (so CRLF is one line
   * break); every other byte, tabs included, is dropped. The text never starts with a
   * line break (csysdig's output drops them all there, as the reference captures
   * show) and loses one at its end.
   */
  public static String printable(byte[] data) {
    StringBuilder sb = new StringBuilder(data.length + 1);
    // csysdig starts the text with a newline of its own; trimNewlines takes it off again.
    sb.append('\n');
    for (int i = 0; i < data.length; i++) {
      int b = data[i] & 0xFF;
      if (isPrintable(b)) {
        sb.append((char) b);
      } else if (b == '\r') {
        sb.append('\n');
      } else if (b == '\n' && i > 0 && data[i - 1] != '\r') {
        sb.append('\n');
      }
    }
    int from = 0;
    while (from < sb.length() && sb.charAt(from) == '\n') {
      from++;
    }
    return trimNewlines(new StringBuilder(sb.substring(from)));
  }

  /**
   * One line per 16 bytes: a tab, the offset as {@code 0xOOOO:}, the bytes in
   * big-endian pairs ({@code  hhhh}, a last odd byte as {@code  hh}), padding to the
   * width of eight pairs, two spaces and the dotted text of the line's bytes.
   */
  public static String hex(byte[] data) {
    StringBuilder sb = new StringBuilder(data.length * 5);
    for (int row = 0; row < data.length; row += 16) {
      int end = Math.min(row + 16, data.length);
      sb.append("\n\t0x");
      appendHex(sb, row >> 8 & 0xFF);
      appendHex(sb, row & 0xFF);
      sb.append(':');
      int groups = 0;
      for (int i = row; i < end; i += 2) {
        sb.append(' ');
        appendHex(sb, data[i] & 0xFF);
        if (i + 1 < end) {
          appendHex(sb, data[i + 1] & 0xFF);
        }
        groups++;
      }
      for (; groups < 8; groups++) {
        sb.append("     ");
      }
      sb.append("  ");
      appendDotted(sb, data, row, end);
    }
    return trimNewlines(sb);
  }

  private static boolean isPrintable(int b) {
    return b >= 0x20 && b <= 0x7e;
  }

  private static void appendDotted(StringBuilder sb, byte[] data, int from, int to) {
    for (int i = from; i < to; i++) {
      int b = data[i] & 0xFF;
      sb.append(isPrintable(b) ? (char) b : '.');
    }
  }

  private static void appendHex(StringBuilder sb, int b) {
    sb.append(HEX[b >> 4]).append(HEX[b & 0xF]);
  }

  private static String trimNewlines(StringBuilder sb) {
    int from = sb.length() > 0 && sb.charAt(0) == '\n' ? 1 : 0;
    int to = sb.length() > from && sb.charAt(sb.length() - 1) == '\n' ? sb.length() - 1 : sb.length();
    return sb.substring(from, to);
  }
}
