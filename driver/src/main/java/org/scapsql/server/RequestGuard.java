package org.scapsql.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.scapsql.driver.Errors;
import org.scapsql.driver.Limits;

/**
 * In front of Avatica's handler: a request body larger than the limit is refused
 * (Avatica would read any body whole into memory, and a 400 MB one runs the server
 * out of memory) with an error response the Avatica client reads as a SQLException;
 * and two small endpoints of scapsql's own that Avatica's protocol lacks:
 * {@code POST /scapsql/cancel} and {@code GET /scapsql/warnings}, both with
 * {@code ?connection=ID&statement=N}, used by scapsql's remote driver
 * ({@code jdbc:scap:http://...}) for {@code Statement.cancel}, {@code setQueryTimeout}
 * and {@code getWarnings}.
 */
final class RequestGuard extends HandlerWrapper {
  static final String CANCEL = "/scapsql/cancel";
  static final String WARNINGS = "/scapsql/warnings";

  private final PinnedMeta meta;
  private final int maxBytes;

  RequestGuard(PinnedMeta meta, int maxBytes) {
    this.meta = meta;
    this.maxBytes = maxBytes;
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (target.startsWith("/scapsql/")) {
      baseRequest.setHandled(true);
      sideChannel(target, request, response);
      return;
    }
    long declared = request.getContentLengthLong();
    byte[] body = declared > maxBytes ? null : readAtMost(request.getInputStream(), maxBytes);
    if (body == null) {
      baseRequest.setHandled(true);
      tooLarge(response);
      return;
    }
    super.handle(target, baseRequest, new Buffered(request, body), response);
  }

  private void tooLarge(HttpServletResponse response) throws IOException {
    String message = String.format(Locale.ROOT, "request too large: more than %,d bytes (the server's limit,"
        + " serve --max-request-size)", maxBytes);
    Service.ErrorResponse error = new Service.ErrorResponse(List.of(Errors.RemoteErrorText.MARK + message), message,
        0, Limits.SQLSTATE_LIMIT, AvaticaSeverity.ERROR, null);
    byte[] bytes = new ProtobufTranslationImpl().serializeResponse(error);
    // Avatica clients read an error response from a 500; other codes they take for a broken server.
    response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    response.setContentType("application/octet-stream");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  private void sideChannel(String target, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String connection = request.getParameter("connection");
    int statement;
    try {
      statement = Integer.parseInt(String.valueOf(request.getParameter("statement")));
    } catch (NumberFormatException e) {
      text(response, HttpServletResponse.SC_BAD_REQUEST, "statement=N is required");
      return;
    }
    if (connection == null || connection.isBlank()) {
      text(response, HttpServletResponse.SC_BAD_REQUEST, "connection=ID is required");
      return;
    }
    try {
      if (target.equals(CANCEL) && request.getMethod().equals("POST")) {
        boolean found = meta.cancel(connection, statement);
        text(response, found ? HttpServletResponse.SC_OK : HttpServletResponse.SC_NOT_FOUND,
            found ? "cancelled" : "no such statement");
      } else if (target.equals(WARNINGS) && request.getMethod().equals("GET")) {
        List<String> w = meta.warnings(connection, statement);
        text(response, w == null ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_OK,
            w == null ? "no such statement" : String.join("\n", w));
      } else {
        text(response, HttpServletResponse.SC_NOT_FOUND, "unknown: " + request.getMethod() + " " + target);
      }
    } catch (java.sql.SQLException | RuntimeException e) {
      text(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, Errors.message(e));
    }
  }

  private static void text(HttpServletResponse response, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("text/plain; charset=utf-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** The whole body, or null once it passes {@code max} bytes (the rest is not read). */
  static byte[] readAtMost(InputStream in, int max) throws IOException {
    byte[] buf = new byte[Math.min(max + 1, 64 * 1024)];
    int n = 0;
    while (true) {
      if (n == buf.length) {
        if (buf.length > max) {
          return null;
        }
        buf = java.util.Arrays.copyOf(buf, (int) Math.min((long) max + 1, buf.length * 2L));
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        return java.util.Arrays.copyOf(buf, n);
      }
      n += r;
      if (n > max) {
        return null;
      }
    }
  }

  /** The request with its body already read. */
  private static final class Buffered extends HttpServletRequestWrapper {
    private final byte[] body;

    Buffered(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is already read");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
