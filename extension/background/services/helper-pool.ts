import { EXTENSION_CONFIG } from "../../config.ts";
import { HelperClient } from "./helper-client.ts";
import { NativeHostState } from "./native-host-service.ts";
import type { NativeConnector } from "./native-port.ts";

/**
 * Keeps at most one idle helper connection for a short while. Listing the tokens when the review
 * page opens starts the helper; keeping that connection while the user types the PIN means the
 * signing batch does not wait for a new helper process to start (about half a second). Idle
 * connections close after `idleMs`; a connection that failed is never kept. With idleMs = 0 every
 * connection closes after its request (web-eid's one-request-per-process model).
 */
export class HelperPool {
  #idle: HelperClient | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly connector: NativeConnector,
    private readonly idleMs: number = EXTENSION_CONFIG.helperIdleMs,
  ) {}

  /** The idle connection if it is still open, else a new one (connected and past hello). */
  async acquire(): Promise<HelperClient> {
    const idle = this.#take();
    if (idle && idle.state !== NativeHostState.Closed) return idle;
    idle?.close();
    return HelperClient.open(this.connector);
  }

  /** Gives a connection back after a request that succeeded; it stays open for idleMs at most. */
  release(client: HelperClient): void {
    if (this.idleMs <= 0 || client.state === NativeHostState.Closed) return client.close();
    this.#take()?.close();
    this.#idle = client;
    this.#timer = setTimeout(() => this.#take()?.close(), this.idleMs);
  }

  /** Closes the idle connection, if any. */
  close(): void {
    this.#take()?.close();
  }

  #take(): HelperClient | undefined {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const client = this.#idle;
    this.#idle = undefined;
    return client;
  }

  /** Runs one request on a pooled connection: released on success, closed on failure. */
  async use<T>(run: (client: HelperClient) => Promise<T>): Promise<T> {
    const client = await this.acquire();
    try {
      const result = await run(client);
      this.release(client);
      return result;
    } catch (err) {
      client.close();
      throw err;
    }
  }
}
