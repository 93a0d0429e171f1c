import { browser } from "wxt/browser";

/** The part of runtime.Port the native host service uses: small enough to fake in unit tests. */
export interface NativePort {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: PortEvent<(message: unknown) => void>;
  onDisconnect: PortEvent<(port: NativePort) => void>;
  /** Firefox reports why the port closed here; Chrome uses runtime.lastError. */
  error?: { message?: string } | null;
}

export interface PortEvent<T> {
  addListener(listener: T): void;
  removeListener(listener: T): void;
}

/** Opens a port to a native messaging host, and reads why the last port closed. */
export interface NativeConnector {
  connect(hostName: string): NativePort;
  /** runtime.lastError's message inside onDisconnect (Chrome), or the port's own error (Firefox). */
  lastError(port: NativePort): string | undefined;
}

/** The real connector: runtime.connectNative. */
export const browserNativeConnector: NativeConnector = {
  connect(hostName) {
    return browser.runtime.connectNative(hostName);
  },
  lastError(port) {
    return port.error?.message ?? browser.runtime.lastError?.message ?? undefined;
  },
};
