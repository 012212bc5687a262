package org.scapsql.generate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The web site nginx serves from {@code /var/www/shop}: which files exist,
 * how large they are, what their first bytes are at each offset nginx reads
 * from, and how often clients ask for each. Fixed (not seeded), so the files
 * are the same in every capture.
 */
final class Site {
  static final String ROOT = "/var/www/shop";
  /** nginx reads files in chunks of this size. */
  static final int CHUNK = 32_768;

  /** One URL of the site. */
  static final class Page {
    final byte[] path;
    final String url;
    final int size;
    final boolean exists;
    final String contentType;
    /** The first {@link Syscalls#SNAPLEN} bytes at each chunk offset. */
    final byte[][] chunkHeads;

    Page(String url, int size, boolean exists, String contentType, byte[][] chunkHeads) {
      this.path = (ROOT + url).getBytes(StandardCharsets.UTF_8);
      this.url = url;
      this.size = size;
      this.exists = exists;
      this.contentType = contentType;
      this.chunkHeads = chunkHeads;
    }
  }

  final Page[] pages;
  private final int[] cumulative;
  private final int total;

  Site() {
    SplittableRandom content = new SplittableRandom(0x5109);
    List<Page> list = new ArrayList<>();
    List<Integer> weights = new ArrayList<>();
    add(list, weights, html("/index.html", 18_334, "Shop.example.com — everything for the home office"), 100);
    add(list, weights, html("/about.html", 7_812, "About us"), 20);
    add(list, weights, html("/contact.html", 5_420, "Contact"), 20);
    add(list, weights, text("/robots.txt", "User-agent: *\nDisallow: /cart/\nDisallow: /checkout/\nSitemap: /sitemap.xml\n"),
        20);
    for (int n = 1; n <= 120; n++) {
      add(list, weights, html("/products/" + n + ".html", 4_000 + (n * 7_919) % 8_000, "Product " + n), 3);
    }
    add(list, weights, asset("/static/css/site.css", 18_950, "text/css",
        "/* shop.example.com site styles */\nbody{margin:0;font-family:system-ui,sans-serif;color:#222}\n", content), 80);
    add(list, weights, asset("/static/js/app.js", 52_318, "application/javascript",
        "(function(){\"use strict\";var cart=JSON.parse(localStorage.getItem(\"cart\")||\"[]\");", content), 80);
    add(list, weights, binary("/static/img/logo.png", 8_214, "image/png", PNG, content), 70);
    for (int n = 1; n <= 120; n++) {
      add(list, weights, binary("/static/img/products/" + n + ".jpg", 30_000 + (n * 1_733) % 170_000, "image/jpeg",
          JPEG, content), 2);
    }
    for (String missing : new String[] {"/favicon.ico", "/wp-login.php", "/.env", "/admin/config.php"}) {
      add(list, weights, new Page(missing, 0, false, "text/html", new byte[0][]),
          missing.equals("/favicon.ico") ? 30 : 10);
    }
    pages = list.toArray(new Page[0]);
    cumulative = new int[pages.length];
    int sum = 0;
    for (int i = 0; i < pages.length; i++) {
      sum += weights.get(i);
      cumulative[i] = sum;
    }
    total = sum;
  }

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
      'R', 0, 0, 1, 0x2C, 0, 0, 0, 0x60, 8, 6, 0, 0, 0};
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F',
      0, 1, 1, 1, 0, 72, 0, 72, 0, 0, (byte) 0xFF, (byte) 0xDB, 0, 0x43, 0};

  private static void add(List<Page> list, List<Integer> weights, Page p, int weight) {
    list.add(p);
    weights.add(weight);
  }

  Page pick(Rng rng) {
    int x = rng.nextInt(total);
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return pages[lo];
  }

  Page page(String url) {
    for (Page p : pages) {
      if (p.url.equals(url)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no page " + url);
  }

  private static byte[] head(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(b, Math.min(b.length, Syscalls.SNAPLEN));
  }

  private static Page html(String url, int size, String title) {
    return new Page(url, size, true, "text/html", new byte[][] {head("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
        + "<meta charset=\"utf-8\">\n<title>" + title + "</title>\n")});
  }

  private static Page text(String url, String body) {
    return new Page(url, body.length(), true, "text/plain", new byte[][] {head(body)});
  }

  private static Page asset(String url, int size, String type, String start, SplittableRandom r) {
    byte[][] heads = new byte[(size + CHUNK - 1) / CHUNK][];
    heads[0] = head(start);
    String[] words = {"function ", "var ", "return ", "price", "cart", "items", "total", "render", "{", "}", ";",
        "(", ")", "\n  ", "=", "+", "document.querySelector(", "\".product\"", "addEventListener(\"click\","};
    for (int i = 1; i < heads.length; i++) {
      StringBuilder sb = new StringBuilder();
      while (sb.length() < Syscalls.SNAPLEN) {
        sb.append(words[r.nextInt(words.length)]);
      }
      heads[i] = head(sb.toString());
    }
    return new Page(url, size, true, type, heads);
  }

  private static Page binary(String url, int size, String type, byte[] magic, SplittableRandom r) {
    byte[][] heads = new byte[(size + CHUNK - 1) / CHUNK][];
    for (int i = 0; i < heads.length; i++) {
      byte[] h = new byte[Syscalls.SNAPLEN];
      r.nextBytes(h);
      if (i == 0) {
        System.arraycopy(magic, 0, h, 0, magic.length);
      }
      heads[i] = h;
    }
    return new Page(url, size, true, type, heads);
  }
}
