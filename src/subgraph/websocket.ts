import type { Server } from "node:http";
import { WebSocketServer } from "ws";

/**
 * A WebSocket server for upgrades of `path` on `httpServer`. Detached from the HTTP server's own
 * events (`noServer`), so a failed listen is reported once, by the HTTP server.
 */
export function webSocketServerOn(httpServer: Server, path: string): WebSocketServer {
  const wsServer = new WebSocketServer({ noServer: true });
  httpServer.on("upgrade", (request, socket, head) => {
    if (request.url?.split("?")[0] !== path) {
      socket.destroy();
      return;
    }
    wsServer.handleUpgrade(request, socket, head, (ws) => wsServer.emit("connection", ws, request));
  });
  return wsServer;
}
