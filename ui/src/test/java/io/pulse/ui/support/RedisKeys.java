package io.pulse.ui.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the keys of one Redis prefix after a test backend, over plain RESP (the UI has no Redis
 * client of its own and should not get one for tests). Only {@code SCAN} and {@code UNLINK}.
 */
final class RedisKeys {

  private RedisKeys() {}

  /** Deletes every key matching {@code prefix:*}; returns how many. */
  static long deletePrefix(String host, int port, String prefix) throws IOException {
    long deleted = 0;
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String cursor = "0";
      do {
        send(out, "SCAN", cursor, "MATCH", prefix + ":*", "COUNT", "1000");
        List<Object> reply = asList(read(in));
        cursor = (String) reply.get(0);
        List<Object> keys = asList(reply.get(1));
        if (!keys.isEmpty()) {
          List<String> command = new ArrayList<>();
          command.add("UNLINK");
          keys.forEach(k -> command.add((String) k));
          send(out, command.toArray(String[]::new));
          deleted += (Long) read(in);
        }
      } while (!"0".equals(cursor));
    }
    return deleted;
  }

  private static void send(OutputStream out, String... parts) throws IOException {
    StringBuilder b = new StringBuilder("*").append(parts.length).append("\r\n");
    for (String p : parts) {
      byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
      b.append('$').append(bytes.length).append("\r\n").append(p).append("\r\n");
    }
    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object o) {
    return (List<Object>) o;
  }

  private static Object read(InputStream in) throws IOException {
    int type = in.read();
    String line = line(in);
    return switch (type) {
      case '+' -> line;
      case '-' -> throw new IOException("Redis: " + line);
      case ':' -> Long.parseLong(line);
      case '$' -> {
        int n = Integer.parseInt(line);
        if (n < 0) {
          yield null;
        }
        byte[] data = in.readNBytes(n);
        line(in);
        yield new String(data, StandardCharsets.UTF_8);
      }
      case '*' -> {
        int n = Integer.parseInt(line);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          items.add(read(in));
        }
        yield items;
      }
      default -> throw new IOException("unexpected RESP type " + (char) type);
    };
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) != '\r') {
      if (c < 0) {
        throw new IOException("Redis closed the connection");
      }
      b.append((char) c);
    }
    in.read();
    return b.toString();
  }
}
