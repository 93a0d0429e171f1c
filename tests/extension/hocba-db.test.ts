import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { classKeyOf, documentIdOf, HocBaDb } from "../../extension/services/hocba-db.ts";
import { minimalGradebook } from "./support/gradebook-fixture.ts";

describe("HocBaDb (IndexedDB)", () => {
  it("stores a gradebook under class+year and replaces it when the class is read again", async () => {
    const db = await HocBaDb.open(new IDBFactory());
    const gradebook = minimalGradebook();
    const classKey = classKeyOf(gradebook);
    expect(classKey).toBe("79000701/2025-2026/12A1");
    await db.putGradebook({
      classKey,
      gradebook,
      sourceOrigin: "https://a.vn",
      extractedAt: "2026-05-01T00:00:00Z",
    });
    const renamed = { ...gradebook, gvcn: "Lê Văn C" };
    await db.putGradebook({
      classKey,
      gradebook: renamed,
      sourceOrigin: "https://a.vn",
      extractedAt: "2026-05-02T00:00:00Z",
    });
    const all = await db.listGradebooks();
    expect(all).toHaveLength(1);
    expect(all[0]?.gradebook.gvcn).toBe("Lê Văn C");
    expect((await db.getGradebook(classKey))?.extractedAt).toBe("2026-05-02T00:00:00Z");
    expect(await db.getGradebook("nope")).toBeUndefined();
    db.close();
  });

  it("lists classes newest first and documents by class, and deletes a class with its documents", async () => {
    const db = await HocBaDb.open(new IDBFactory());
    const g = minimalGradebook();
    await db.putGradebook({
      classKey: "a",
      gradebook: g,
      sourceOrigin: "x",
      extractedAt: "2026-01-01T00:00:00Z",
    });
    await db.putGradebook({
      classKey: "b",
      gradebook: g,
      sourceOrigin: "x",
      extractedAt: "2026-02-01T00:00:00Z",
    });
    expect((await db.listGradebooks()).map((e) => e.classKey)).toEqual(["b", "a"]);
    for (const [classKey, ma] of [
      ["a", "HV2"],
      ["a", "HV1"],
      ["b", "HV1"],
    ] as const) {
      await db.putDocument({
        id: documentIdOf(classKey, ma),
        classKey,
        maHocVien: ma,
        hoTen: "Nguyễn Văn Ánh",
        fileName: `${ma}_2025-2026.xml`,
        xml: "<HocBaSo/>",
        signedRoles: ["GVCN"],
        updatedAt: "2026-05-30T10:00:00+07:00",
      });
    }
    expect((await db.listDocuments("a")).map((d) => d.maHocVien)).toEqual(["HV1", "HV2"]);
    expect((await db.getDocument("a|HV1"))?.hoTen).toBe("Nguyễn Văn Ánh");
    await db.deleteClass("a");
    expect(await db.listDocuments("a")).toEqual([]);
    expect(await db.listDocuments("b")).toHaveLength(1);
    expect((await db.listGradebooks()).map((e) => e.classKey)).toEqual(["b"]);
    db.close();
  });
});
