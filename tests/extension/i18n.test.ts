import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatScore } from "../../extension/services/i18n.ts";
import { extensionMessages } from "../../shared/errors/messages/extension.ts";
import { MESSAGES } from "../../shared/errors/message-table.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const locales = (lang: string) =>
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL(`../../extension/public/_locales/${lang}/messages.json`, import.meta.url)),
      "utf8",
    ),
  ) as Record<string, { message: string }>;

describe("the extension's message table", () => {
  const entries = Object.entries(extensionMessages);

  it("is merged into the one table", () => {
    for (const [code] of entries) expect(Object.hasOwn(MESSAGES, code)).toBe(true);
  });

  it.each(entries)("%s has Vietnamese and English with the same placeholders", (_code, template) => {
    expect(template.vi.trim()).not.toBe("");
    expect(template.en.trim()).not.toBe("");
    expect(placeholders(template.vi)).toEqual(placeholders(template.en));
    // Stored NFC, so what is shown is what a signature would cover.
    expect(template.vi).toBe(template.vi.normalize("NFC"));
  });

  it("uses Vietnamese diacritics (no unaccented Vietnamese slipped in)", () => {
    const withDiacritics = entries.filter(([, t]) =>
      /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i.test(t.vi),
    );
    expect(withDiacritics.length / entries.length).toBeGreaterThan(0.85);
    expect(extensionMessages.EXT_HOST_NOT_FOUND.vi).toContain("Chưa cài trình ký");
  });

  it("the manifest's _locales have the same keys in vi and en", () => {
    const vi = locales("vi");
    const en = locales("en");
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(vi)) expect(vi[key]?.message).not.toBe(en[key]?.message);
  });
});

describe("number and date formats", () => {
  it.each([
    [7.5, "vi", "7,5"],
    [7.5, "en", "7.5"],
    [8, "vi", "8,0"],
    [10, "vi", "10,0"],
    [6.25, "vi", "6,3"],
    [null, "vi", ""],
  ] as const)("score %s (%s) → %s", (value, locale, text) => {
    expect(formatScore(value, locale)).toBe(text);
  });

  it.each([
    ["2008-03-05", "05/03/2008"],
    ["2026-05-30T10:00:00+07:00", "30/05/2026"],
    ["", ""],
    ["not a date", "not a date"],
  ])("date %j → %j", (iso, text) => {
    expect(formatDate(iso)).toBe(text);
  });

  it("signing time keeps the signer's clock", () => {
    expect(formatDateTime("2026-05-30T10:07:00+07:00")).toBe("30/05/2026 10:07");
  });
});
