package org.scapsql.driver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A parsed {@code jdbc:scap:} URL: the captures it names and its properties.
 *
 * <p>Forms: {@code jdbc:scap:/path/file.scap}, {@code jdbc:scap:/path/dir},
 * {@code jdbc:scap:file=/path/file.scap} (DBeaver's {@code {file}} template), each
 * optionally followed by {@code ;key=value} properties; {@code file=} may repeat to
 * open several captures. Paths are taken literally (no percent-decoding): a path
 * may contain {@code %} but not {@code ;}.
 */
public record ScapUrl(List<Path> captures, Map<String, String> properties) {
  public static final String PREFIX = "jdbc:scap:";

  /** The property naming a capture file or directory. */
  public static final String FILE = "file";

  // A key looks like an identifier; a path never starts like one followed by '='.
  private static final Pattern PROPERTY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*\\s*=.*", Pattern.DOTALL);

  public ScapUrl {
    captures = List.copyOf(captures);
    properties = Map.copyOf(properties);
  }

  public static boolean accepts(String url) {
    return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  /**
   * Parses {@code url}; {@code info} (the properties given to {@code connect}) fills in
   * what the URL does not say: its {@code file} only when the URL names no capture, its
   * other keys only where the URL has none. Keys are case-insensitive and kept in lower case.
   */
  public static ScapUrl parse(String url, Properties info) {
    if (!accepts(url)) {
      throw new IllegalArgumentException("not a scapsql URL (expected " + PREFIX + "/path/to/capture.scap): " + url);
    }
    List<Path> captures = new ArrayList<>();
    List<Path> infoCaptures = new ArrayList<>();
    Map<String, String> props = new LinkedHashMap<>();
    if (info != null) {
      for (String key : info.stringPropertyNames()) {
        String value = info.getProperty(key);
        if (key.equalsIgnoreCase(FILE)) {
          addPath(infoCaptures, value);
        } else {
          props.put(key.toLowerCase(Locale.ROOT), value);
        }
      }
    }
    String rest = url.substring(PREFIX.length());
    boolean first = true;
    for (String part : rest.split(";", -1)) {
      String segment = part.strip();
      if (segment.isEmpty()) {
        first = false;
        continue;
      }
      if (PROPERTY.matcher(segment).matches()) {
        int eq = segment.indexOf('=');
        String key = segment.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String value = segment.substring(eq + 1).strip();
        if (key.equals(FILE)) {
          addPath(captures, value);
        } else {
          props.put(key, value);
        }
      } else if (first) {
        addPath(captures, segment);
      } else {
        throw new IllegalArgumentException("bad part '" + segment + "' in " + url
            + ": after the capture path, parts are key=value separated by ';'");
      }
      first = false;
    }
    // The URL wins: a tool's saved file property only counts when the URL names no capture.
    return new ScapUrl(captures.isEmpty() ? infoCaptures : captures, props);
  }

  private static void addPath(List<Path> captures, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("empty capture path");
    }
    captures.add(Path.of(value.strip()));
  }

  /** A URL that opens exactly these captures. */
  public static String of(List<Path> captures) {
    if (captures.isEmpty()) {
      throw new IllegalArgumentException("a scapsql URL needs at least one capture");
    }
    StringBuilder sb = new StringBuilder(PREFIX);
    for (int i = 0; i < captures.size(); i++) {
      String p = captures.get(i).toAbsolutePath().normalize().toString();
      if (p.indexOf(';') >= 0) {
        throw new IllegalArgumentException("a capture path in a URL cannot contain ';': " + p);
      }
      if (i == 0) {
        sb.append(p);
      } else {
        sb.append(';').append(FILE).append('=').append(p);
      }
    }
    return sb.toString();
  }
}
