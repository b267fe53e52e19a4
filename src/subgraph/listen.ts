import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A port that could not be bound; names the setting that changes it. */
export class PortInUseError extends Error {
  override name = "PortInUseError";
}

/**
 * Listens on `host:port` and resolves with the bound port (useful with port 0). EADDRINUSE becomes
 * a {@link PortInUseError} that names the port and `setting`.
 */
export function listen(server: Server, port: number, host: string, setting: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off("listening", onListening);
      if (error.code === "EADDRINUSE") {
        reject(
          new PortInUseError(
            `port ${port} on ${host} is already in use: stop what holds it, or set ${setting} to another port`,
          ),
        );
      } else {
        reject(error);
      }
    };
    const onListening = (): void => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** Closes a server and every open connection. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
