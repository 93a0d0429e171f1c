import { describe, expect, it } from "vitest";
import { HelperPool } from "../../extension/background/services/helper-pool.ts";
import { failingConnector, fakeHelper } from "./support/fake-native.ts";

describe("HelperPool", () => {
  it("keeps one connection warm between requests, so the next request starts no new helper", async () => {
    const connector = fakeHelper();
    const pool = new HelperPool(connector, 1000);
    await pool.use((c) => c.listTokens());
    await pool.use((c) => c.status());
    expect(connector.ports).toHaveLength(1);
    expect(connector.ports[0]?.disconnected).toBe(false);
    pool.close();
    expect(connector.ports[0]?.disconnected).toBe(true);
  });

  it("closes an idle connection after idleMs", async () => {
    const connector = fakeHelper();
    const pool = new HelperPool(connector, 20);
    await pool.use((c) => c.status());
    await new Promise((r) => setTimeout(r, 60));
    expect(connector.ports[0]?.disconnected).toBe(true);
    await pool.use((c) => c.status());
    expect(connector.ports).toHaveLength(2);
    pool.close();
  });

  it("never keeps a connection whose request failed, and replaces one the helper closed", async () => {
    const connector = fakeHelper({
      handle: (req, port) => {
        if (req.type !== "status") return false;
        port.reply({
          type: "error",
          requestId: req.requestId,
          error: { code: "TOKEN_PIN_LOCKED", message: "khóa" },
        });
        return true;
      },
    });
    const pool = new HelperPool(connector, 1000);
    await expect(pool.use((c) => c.status())).rejects.toMatchObject({ code: "TOKEN_PIN_LOCKED" });
    expect(connector.ports[0]?.disconnected).toBe(true);
    await pool.use((c) => c.listTokens());
    connector.ports[1]?.hostDisconnect("Native host has exited.");
    await new Promise((r) => setTimeout(r, 5));
    await pool.use((c) => c.listTokens());
    expect(connector.ports).toHaveLength(3);
    pool.close();
  });

  it("with idleMs = 0 every connection closes after its request", async () => {
    const connector = fakeHelper();
    const pool = new HelperPool(connector, 0);
    await pool.use((c) => c.status());
    expect(connector.ports[0]?.disconnected).toBe(true);
  });

  it("a missing helper fails every time with the same fix", async () => {
    const pool = new HelperPool(failingConnector("Specified native messaging host not found."), 1000);
    await expect(pool.use((c) => c.status())).rejects.toMatchObject({ code: "EXT_HOST_NOT_FOUND" });
    await expect(pool.use((c) => c.status())).rejects.toMatchObject({ code: "EXT_HOST_NOT_FOUND" });
  });
});
