package dev.scion.server;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * What the server does with a connection before a request reaches the routes, and what it answers
 * when a request never gets there:
 *
 * <ul>
 *   <li>Each request is handled on a virtual thread, so that requests waiting for their bodies hold
 *       no platform thread and never keep health checks or other tenants waiting.
 *   <li>While a request is read and answered, the connection may be silent for at most {@link
 *       #REQUEST_IO_TIMEOUT_SECONDS} (or the idle timeout, if shorter): a body that stops arriving
 *       is cut off then, not at the idle timeout.
 *   <li>Paths with {@code .} or {@code ..} segments are refused before routing: a route's access is
 *       decided by the route the path matches, and a path must mean what it says.
 *   <li>Jetty's own answers (bad URIs, URIs or headers too large) come in the API's JSON error
 *       shape, not as HTML pages.
 * </ul>
 */
public final class HttpEdge {
  /** The longest silence allowed while a request is read or answered. */
  static final int REQUEST_IO_TIMEOUT_SECONDS = 10;

  /** The request attribute holding work to run once the request is done, whatever happened. */
  static final String ON_DONE = "scion.onDone";

  private HttpEdge() {}

  static void configure(JavalinConfig c, int idleTimeoutSeconds) {
    QueuedThreadPool threads = new QueuedThreadPool(250, 8, 60_000);
    threads.setName("scion-http");
    threads.setVirtualThreadsExecutor(
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("scion-request-", 0).factory()));
    c.jetty.threadPool = threads;
    long ioTimeoutMillis = Math.min(idleTimeoutSeconds, REQUEST_IO_TIMEOUT_SECONDS) * 1000L;
    c.jetty.modifyHttpConfiguration(h -> h.setIdleTimeout(ioTimeoutMillis));
    c.jetty.timeoutStatus = 408; // a body that stopped arriving
    c.jetty.clientAbortStatus = 400; // a body broken off
    c.jetty.modifyServer(s -> s.setErrorHandler(new JsonErrors()));
    c.jetty.modifyServletContextHandler(
        h -> {
          h.setErrorHandler(new JsonErrors());
          h.addFilter(new FilterHolder(new PlainPaths()), "/*", EnumSet.of(DispatcherType.REQUEST));
        });
  }

  /**
   * Runs {@code work} once the request is done, however it ended (the client gone, the body cut
   * off); at most one such work per request.
   */
  public static void onDone(io.javalin.http.Context ctx, Runnable work) {
    ctx.req().setAttribute(ON_DONE, work);
  }

  /** Whether a raw (still percent-encoded) path has a {@code .} or {@code ..} segment. */
  static boolean hasDotSegment(String rawPath) {
    for (String segment : rawPath.split("/", -1)) {
      String s = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
      int parameters = s.indexOf(';');
      if (parameters >= 0) {
        s = s.substring(0, parameters);
      }
      if (s.equals(".") || s.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** Refuses paths with dot segments, and runs what the request left to do once it is done. */
  private static final class PlainPaths implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest request = (HttpServletRequest) req;
      String path = request.getRequestURI();
      if (path != null && hasDotSegment(path)) {
        answer(
            (HttpServletResponse) res,
            path,
            400,
            "path '"
                + printable(path)
                + "' has '.' or '..' segments; send the path the way the API documents it");
        return;
      }
      ((HttpServletResponse) res).setHeader("X-Content-Type-Options", "nosniff");
      try {
        chain.doFilter(req, res);
      } finally {
        if (request.getAttribute(ON_DONE) instanceof Runnable done) {
          done.run();
        }
      }
    }
  }

  /** Jetty's error answers in the API's JSON shape. */
  private static final class JsonErrors extends ErrorHandler {
    @Override
    public void handle(
        String target,
        Request baseRequest,
        HttpServletRequest request,
        HttpServletResponse response)
        throws IOException {
      try {
        int status = response.getStatus();
        Object reason = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_MESSAGE);
        answer(
            response,
            request.getRequestURI(),
            status,
            describe(status, reason == null ? null : reason.toString()));
      } finally {
        baseRequest.setHandled(true);
      }
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(HttpHeader.CONTENT_TYPE, "application/json");
      // the path is unknown here (it may be what was wrong): both APIs' shapes in one body
      String message = describe(status, reason);
      var body = ScionServer.errorBody(null, status, message, 0);
      body.setAll(ScionServer.errorBody("/v1/", status, message, 0));
      return ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void answer(HttpServletResponse response, String path, int status, String message)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    byte[] body =
        ScionServer.errorBody(path, status, message, 0).toString().getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** One line saying what was wrong with a request Jetty refused, and what to do. */
  static String describe(int status, String reason) {
    String why = reason == null ? "" : " (" + printable(reason) + ")";
    return switch (status) {
      case 400 ->
          "the request is malformed" + why + "; check the URI's percent escapes and headers";
      case 408 ->
          "the request did not arrive in time; send the body without pauses of more than "
              + REQUEST_IO_TIMEOUT_SECONDS
              + " s";
      case 413 -> "request body is larger than the limit; send smaller batches";
      case 414 -> "the URI is longer than the server accepts; send long parameters in the body";
      case 431 -> "the request headers are larger than the server accepts; send fewer or smaller";
      case 505 -> "HTTP version not supported; use HTTP/1.1";
      default ->
          status >= 500
              ? "internal error; the server's log has the details, please report it"
              : "the request was refused" + why;
    };
  }

  /** At most 200 printable characters of {@code s}, for quoting input in a one-line message. */
  static String printable(String s) {
    return printable(s, 200);
  }

  /** At most {@code max} characters of {@code s}, control characters shown as '?'. */
  public static String printable(String s, int max) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && out.length() < max; i++) {
      char ch = s.charAt(i);
      out.append(Character.isISOControl(ch) ? '?' : ch);
    }
    return s.length() > max ? out + "…" : out.toString();
  }
}
