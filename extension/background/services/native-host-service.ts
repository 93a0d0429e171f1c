import { NATIVE_HOST_NAME } from "../../../shared/config/extension-identity.ts";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { EXTENSION_CONFIG } from "../../config.ts";
import { mapNativeDisconnect } from "./map-native-error.ts";
import type { NativeConnector, NativePort } from "./native-port.ts";

/** Life of one connection to the helper. A closed service is not reused: make a new one. */
export enum NativeHostState {
  /** No port yet. */
  Idle = "idle",
  /** Port open, nothing exchanged yet. */
  Connected = "connected",
  /** Waiting for the helper's answer. */
  Busy = "busy",
  /** Port closed, by us or by the helper/browser; `closeError` says why when it was not us. */
  Closed = "closed",
}

interface Waiter {
  resolve: (message: unknown) => void;
  reject: (error: HocBaError) => void;
}

/**
 * Wraps runtime.connectNative: one port, an explicit state, every wait bounded by a timeout that
 * raises a typed error, and listeners removed on every path (web-eid's NativeAppService pattern).
 * Messages that arrive while nobody waits are queued, so no answer is lost between two waits.
 * Holding the port open also keeps the MV3 service worker alive for the length of a batch.
 */
export class NativeHostService {
  #state = NativeHostState.Idle;
  #port: NativePort | undefined;
  #queue: unknown[] = [];
  #waiter: Waiter | undefined;
  #closeError: HocBaError | undefined;

  constructor(
    private readonly connector: NativeConnector,
    private readonly hostName: string = NATIVE_HOST_NAME,
    private readonly maxMessageBytes: number = EXTENSION_CONFIG.maxNativeMessageBytes,
  ) {}

  get state(): NativeHostState {
    return this.#state;
  }

  /** Why the port closed, when the helper or the browser closed it. */
  get closeError(): HocBaError | undefined {
    return this.#closeError;
  }

  /** Opens the port. The browser reports a missing or forbidden helper only later, as a disconnect. */
  connect(): void {
    if (this.#state !== NativeHostState.Idle) throw new HocBaError("EXT_HOST_BUSY");
    const port = this.connector.connect(this.hostName);
    this.#port = port;
    port.onMessage.addListener(this.#onMessage);
    port.onDisconnect.addListener(this.#onDisconnect);
    this.#state = NativeHostState.Connected;
  }

  /** Sends one message; refuses messages larger than the design limit before they reach the browser. */
  post(message: unknown): void {
    const port = this.#requireOpen();
    const size = new TextEncoder().encode(JSON.stringify(message)).length;
    if (size > this.maxMessageBytes) {
      throw new HocBaError("EXT_HOST_MESSAGE_TOO_LARGE", { size, limit: this.maxMessageBytes });
    }
    port.postMessage(message);
  }

  /**
   * The next message from the helper. Rejects with EXT_HOST_TIMEOUT after `timeoutMs`, or with the
   * mapped browser error if the port closes first.
   */
  next(timeoutMs: number, step: string): Promise<unknown> {
    if (this.#queue.length > 0) return Promise.resolve(this.#queue.shift());
    if (this.#state === NativeHostState.Closed || !this.#port) {
      return Promise.reject(this.#closeError ?? new HocBaError("EXT_HOST_CLOSED"));
    }
    if (this.#waiter) return Promise.reject(new HocBaError("EXT_HOST_BUSY"));
    this.#state = NativeHostState.Busy;
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        settle();
        reject(new HocBaError("EXT_HOST_TIMEOUT", { seconds: Math.round(timeoutMs / 1000), step }));
      }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        this.#waiter = undefined;
        if (this.#state === NativeHostState.Busy) this.#state = NativeHostState.Connected;
      };
      this.#waiter = {
        resolve: (message) => {
          settle();
          resolve(message);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
    });
  }

  /** Sends a message and waits for the next one. */
  async exchange(message: unknown, timeoutMs: number, step: string): Promise<unknown> {
    this.post(message);
    return this.next(timeoutMs, step);
  }

  /** Closes the port and removes the listeners; safe to call more than once and on every path. */
  close(): void {
    const port = this.#port;
    this.#detach();
    if (this.#waiter) this.#waiter.reject(new HocBaError("EXT_HOST_CLOSED"));
    this.#state = NativeHostState.Closed;
    if (port) {
      try {
        port.disconnect();
      } catch {
        // Already closed by the browser: nothing left to release.
      }
    }
  }

  #requireOpen(): NativePort {
    if (this.#state === NativeHostState.Closed || !this.#port) {
      throw this.#closeError ?? new HocBaError("EXT_HOST_CLOSED");
    }
    return this.#port;
  }

  #detach(): void {
    const port = this.#port;
    if (!port) return;
    port.onMessage.removeListener(this.#onMessage);
    port.onDisconnect.removeListener(this.#onDisconnect);
    this.#port = undefined;
  }

  readonly #onMessage = (message: unknown): void => {
    if (this.#waiter) this.#waiter.resolve(message);
    else this.#queue.push(message);
  };

  readonly #onDisconnect = (port: NativePort): void => {
    // lastError must be read inside the listener: Chrome clears it afterwards.
    this.#closeError = mapNativeDisconnect(this.connector.lastError(port));
    this.#detach();
    this.#state = NativeHostState.Closed;
    if (this.#waiter) this.#waiter.reject(this.#closeError);
  };
}
