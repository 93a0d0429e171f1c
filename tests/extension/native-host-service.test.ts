import { describe, expect, it } from "vitest";
import { mapNativeDisconnect } from "../../extension/background/services/map-native-error.ts";
import {
  NativeHostService,
  NativeHostState,
} from "../../extension/background/services/native-host-service.ts";
import { EXTENSION_ID, NATIVE_HOST_NAME } from "../../shared/config/extension-identity.ts";
import type { HocBaError } from "../../shared/errors/hocba-error.ts";
import { FakeConnector, type FakeNativePort } from "./support/fake-native.ts";

function echoConnector(): FakeConnector {
  return new FakeConnector((port) => {
    port.onPost = (message) => port.reply({ echo: message });
  });
}

async function rejection(promise: Promise<unknown>): Promise<HocBaError> {
  try {
    await promise;
  } catch (err) {
    return err as HocBaError;
  }
  throw new Error("expected a rejection");
}

function listenerCount(port: FakeNativePort): number {
  return port.onMessage.listeners.size + port.onDisconnect.listeners.size;
}

describe("NativeHostService", () => {
  it("connects to the pinned host name and exchanges messages", async () => {
    const connector = echoConnector();
    const service = new NativeHostService(connector);
    expect(service.state).toBe(NativeHostState.Idle);
    service.connect();
    expect(connector.hostNames).toEqual([NATIVE_HOST_NAME]);
    expect(service.state).toBe(NativeHostState.Connected);
    const pending = service.exchange({ type: "ping" }, 1000, "ping");
    expect(service.state).toBe(NativeHostState.Busy);
    await expect(pending).resolves.toEqual({ echo: { type: "ping" } });
    expect(service.state).toBe(NativeHostState.Connected);
    service.close();
  });

  it("queues a message that arrives before anyone waits", async () => {
    const connector = new FakeConnector((port) => port.reply({ early: true }));
    const service = new NativeHostService(connector);
    service.connect();
    await new Promise((r) => setTimeout(r, 5));
    await expect(service.next(100, "early")).resolves.toEqual({ early: true });
    service.close();
  });

  it("times out with a typed error, and the port stays usable", async () => {
    const connector = new FakeConnector(() => undefined);
    const service = new NativeHostService(connector);
    service.connect();
    const err = await rejection(service.next(20, "hello"));
    expect(err.code).toBe("EXT_HOST_TIMEOUT");
    expect(err.params).toMatchObject({ step: "hello" });
    expect(err.message).toContain("không trả lời");
    expect(service.state).toBe(NativeHostState.Connected);
    service.close();
  });

  it("refuses a second concurrent wait", async () => {
    const service = new NativeHostService(new FakeConnector(() => undefined));
    service.connect();
    const first = service.next(50, "a");
    const err = await rejection(service.next(50, "b"));
    expect(err.code).toBe("EXT_HOST_BUSY");
    await rejection(first);
    service.close();
  });

  it("maps a disconnect to the browser's reason, closes, and removes its listeners", async () => {
    const connector = new FakeConnector((port) =>
      port.hostDisconnect("Specified native messaging host not found."),
    );
    const service = new NativeHostService(connector);
    service.connect();
    const port = connector.ports[0] as FakeNativePort;
    expect(listenerCount(port)).toBe(2);
    const err = await rejection(service.next(1000, "hello"));
    expect(err.code).toBe("EXT_HOST_NOT_FOUND");
    expect(service.state).toBe(NativeHostState.Closed);
    expect(service.closeError?.code).toBe("EXT_HOST_NOT_FOUND");
    expect(listenerCount(port)).toBe(0);
    // Later waits fail the same way, at once.
    expect((await rejection(service.next(1000, "again"))).code).toBe("EXT_HOST_NOT_FOUND");
    expect(() => service.post({})).toThrow(/hocba install/);
  });

  it("close() disconnects, removes listeners, rejects the waiter and can be repeated", async () => {
    const connector = new FakeConnector(() => undefined);
    const service = new NativeHostService(connector);
    service.connect();
    const port = connector.ports[0] as FakeNativePort;
    const waiting = service.next(1000, "x");
    service.close();
    service.close();
    expect((await rejection(waiting)).code).toBe("EXT_HOST_CLOSED");
    expect(port.disconnected).toBe(true);
    expect(listenerCount(port)).toBe(0);
    expect(service.state).toBe(NativeHostState.Closed);
  });

  it("refuses to connect twice", () => {
    const service = new NativeHostService(new FakeConnector(() => undefined));
    service.connect();
    expect(() => service.connect()).toThrow();
    service.close();
  });

  it("refuses a message over the size limit before posting it", () => {
    const connector = new FakeConnector(() => undefined);
    const service = new NativeHostService(connector, NATIVE_HOST_NAME, 100);
    service.connect();
    expect(() => service.post({ xml: "ầ".repeat(100) })).toThrow(
      expect.objectContaining({ code: "EXT_HOST_MESSAGE_TOO_LARGE" }),
    );
    expect(connector.ports[0]?.posted).toEqual([]);
    service.close();
  });
});

describe("mapNativeDisconnect", () => {
  it.each([
    ["Specified native messaging host not found.", "EXT_HOST_NOT_FOUND", "hocba install"],
    ["No such native application vn.hocba.signer", "EXT_HOST_NOT_FOUND", "hocba install"],
    [
      "Access to the specified native messaging host is forbidden.",
      "EXT_HOST_FORBIDDEN",
      `--extension-id ${EXTENSION_ID}`,
    ],
    ["Native host has exited.", "EXT_HOST_EXITED", "hocba tokens"],
    ["Error when communicating with the native messaging host.", "EXT_HOST_PROTOCOL", "hocba install"],
    ["Something new", "EXT_HOST_DISCONNECTED", "Something new"],
    [undefined, "EXT_HOST_DISCONNECTED", "?"],
  ])("%s → %s", (reason, code, fixHint) => {
    const err = mapNativeDisconnect(reason);
    expect(err.code).toBe(code);
    expect(err.message).toContain(fixHint);
    expect(err.localized("en")).not.toBe(err.message);
  });
});
