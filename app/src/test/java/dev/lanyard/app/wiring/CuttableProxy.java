package dev.lanyard.app.wiring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP forwarder on a free loopback port whose link can be cut, as a network partition would. */
final class CuttableProxy implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  CuttableProxy(int targetPort) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("proxy-accept").start(() -> {
      while (!server.isClosed()) {
        try {
          Socket in = server.accept();
          Socket out = new Socket(InetAddress.getLoopbackAddress(), targetPort);
          sockets.add(in);
          sockets.add(out);
          pump(in, out);
          pump(out, in);
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  int port() {
    return server.getLocalPort();
  }

  /** From now on nothing gets through: open connections drop, new ones are refused. */
  void cut() {
    close();
  }

  private static void pump(Socket from, Socket to) {
    Thread.ofVirtual().start(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // the link was cut or a side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    });
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    sockets.forEach(CuttableProxy::closeQuietly);
  }
}
