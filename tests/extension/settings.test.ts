import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import {
  DEFAULT_SETTINGS,
  loadSettings,
  normalizeOrigin,
  originPattern,
  saveSettings,
  updateSettings,
  watchSettings,
} from "../../extension/services/settings.ts";

describe("settings storage", () => {
  beforeEach(() => fakeBrowser.reset());

  it("starts from the defaults: Vietnamese, GDTX profile, no portal", async () => {
    const settings = await loadSettings();
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(settings.language).toBe("vi");
    expect(settings.portals).toEqual([]);
  });

  it("saves and reloads, filling fields an older version did not store", async () => {
    await fakeBrowser.storage.local.set({
      settings: { portals: [{ origin: "https://a.vn", adapter: "auto" }], school: { maTruong: "79000701" } },
    });
    const settings = await loadSettings();
    expect(settings.portals).toEqual([{ origin: "https://a.vn", adapter: "auto" }]);
    expect(settings.school.maTruong).toBe("79000701");
    expect(settings.school.capHoc).toBe("05");
    expect(settings.language).toBe("vi");
    await saveSettings({ ...settings, language: "en" });
    expect((await loadSettings()).language).toBe("en");
  });

  it("reads the THPT choice an older version stored as 03 as 04 (manhomcaphoc)", async () => {
    await fakeBrowser.storage.local.set({ settings: { school: { maTruong: "01000213", capHoc: "03" } } });
    expect((await loadSettings()).school).toMatchObject({ maTruong: "01000213", capHoc: "04" });
    await fakeBrowser.storage.local.set({ settings: { school: { capHoc: "05" } } });
    expect((await loadSettings()).school.capHoc).toBe("05");
  });

  it("updateSettings applies a change and notifies watchers", async () => {
    const seen: string[] = [];
    const stop = watchSettings((s) => seen.push(s.profile));
    await updateSettings((s) => ({ ...s, profile: "thpt-tt22" }));
    await new Promise((r) => setTimeout(r, 10));
    stop();
    expect((await loadSettings()).profile).toBe("thpt-tt22");
    expect(seen).toContain("thpt-tt22");
  });
});

describe("normalizeOrigin / originPattern", () => {
  it.each([
    ["https://hocba.vnedu.vn", "https://hocba.vnedu.vn", "https://hocba.vnedu.vn/*"],
    ["  https://hocba.vnedu.vn/vnedu/lop?id=1 ", "https://hocba.vnedu.vn", "https://hocba.vnedu.vn/*"],
    ["http://127.0.0.1:4321/smas/", "http://127.0.0.1:4321", "http://127.0.0.1/*"],
    ["HTTPS://SMAS.EDU.VN", "https://smas.edu.vn", "https://smas.edu.vn/*"],
  ])("%s → %s", (input, origin, pattern) => {
    expect(normalizeOrigin(input)).toBe(origin);
    expect(originPattern(origin)).toBe(pattern);
  });

  it.each(["vnedu.vn", "ftp://vnedu.vn", "javascript:alert(1)", "", "https://"])(
    "refuses %j with a Vietnamese message",
    (input) => {
      expect(() => normalizeOrigin(input)).toThrow(/Địa chỉ cổng không hợp lệ/);
    },
  );
});
