import { createHash } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { buildHandoffPackage } from "../../../shared/handoff/build-handoff-package.ts";
import { HostReply } from "../../../shared/protocol/responses.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";
import { useHostHarness } from "./host-harness.ts";

/*
 * Two helpers with their own data folders stand for the teacher's PC and the director's: the GVCN
 * signs on one, the extension builds the hand-off package from the `signed` replies (shared code),
 * the director's helper imports it, its queue fills, it hands the documents out for the head's
 * signature and they are signed there; then the seal.
 */

const harness = useHostHarness({
  dataPrefix: "hocba-handoff",
  afterEnd(h) {
    expect(h.garbage).toBe("");
    for (const r of h.replies) {
      expect(HostReply.safeParse(r).success, JSON.stringify(r).slice(0, 300)).toBe(true);
    }
  },
});
const { start, signRequest } = harness;

type Reply = Record<string, unknown>;
const sha = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");

describe("hocba host: hand-off across PCs", () => {
  it("GVCN signs on one PC; the package imported on the director's fills the queue; archived-documents feeds the head's and the seal's signing; progress and the Tổ chuyên môn confirmation", async () => {
    const teacher = start().host;
    await teacher.hello();
    const batch = harness.docs.slice(0, 3);
    teacher.send(signRequest("gv", batch));
    const gv = await teacher.collect("gv");
    const signed = gv.filter((r) => r.type === "signed") as unknown as Array<
      Reply & { fileName: string; xml: string; signer: { commonName: string }; signingTime: string }
    >;
    expect(signed).toHaveLength(3);

    // What the extension does after "Gửi Giám đốc": the package from the signed replies.
    const pkg = buildHandoffPackage({
      documents: signed.map((s) => ({
        fileName: s.fileName,
        bytes: new TextEncoder().encode(s.xml),
        roles: [{ role: "GVCN", signer: s.signer.commonName, signingTime: s.signingTime }],
      })),
      createdAt: new Date("2026-06-01T08:00:00+07:00"),
    });
    expect(pkg.fileName).toMatch(/_2025-2026_gvcn\.hocba\.zip$/);
    const zip = Buffer.from(pkg.bytes).toString("base64");

    const director = start();
    const d = director.host;
    await d.hello();
    d.send({ type: "import-package", requestId: "imp", fileName: pkg.fileName, zip });
    const imp = await d.collect("imp", ["package-imported", "error"]);
    expect(imp.filter((r) => r.type === "package-document").map((r) => r.outcome)).toEqual([
      "imported",
      "imported",
      "imported",
    ]);
    expect(imp.at(-1)).toMatchObject({
      type: "package-imported",
      imported: 3,
      alreadyPresent: 0,
      refused: 0,
    });

    d.send({ type: "import-package", requestId: "imp2", fileName: pkg.fileName, zip });
    const again = await d.collect("imp2", ["package-imported", "error"]);
    expect(again.at(-1)).toMatchObject({ imported: 0, alreadyPresent: 3, refused: 0 });

    d.send({ type: "queues", requestId: "q1" });
    const q1 = await d.next((r) => r.requestId === "q1");
    const lop = pkg.manifest.lop;
    expect(q1).toMatchObject({
      type: "queues",
      classes: [
        {
          lop,
          namHoc: "2025-2026",
          learners: 3,
          signedGvcn: 3,
          waitingThuTruong: 3,
          waitingDonVi: 0,
          sealed: 0,
        },
      ],
    });

    d.send({ type: "archived-documents", requestId: "ad", namHoc: "2025-2026", lop, forRole: "ThuTruong" });
    const ad = await d.collect("ad", ["archived-documents-done", "error"]);
    const docs = ad.filter((r) => r.type === "archived-document") as unknown as Array<
      Reply & { fileName: string; xml: string; sha256: string }
    >;
    expect(docs).toHaveLength(3);
    expect(ad.at(-1)).toMatchObject({ count: 3 });
    expect(docs.map((x) => x.sha256).sort()).toEqual(signed.map((s) => sha(s.xml)).sort());
    expect(docs[0]).toMatchObject({ roles: [{ role: "GVCN", signer: signed[0]?.signer.commonName }] });

    d.send(
      signRequest(
        "tt",
        docs.map((x) => ({ fileName: x.fileName, xml: x.xml })),
        { role: "ThuTruong", certId: "02" },
      ),
    );
    const tt = await d.collect("tt");
    const ttSigned = tt.filter((r) => r.type === "signed") as unknown as Array<Reply & { xml: string }>;
    expect(ttSigned, JSON.stringify(tt.filter((r) => r.type !== "signed")).slice(0, 500)).toHaveLength(3);
    for (const s of ttSigned) {
      const r = xmlsec1Verify(Buffer.from(s.xml), "sig-ThuTruong", {
        root: path.join(harness.token.dir, "root.pem"),
        intermediate: path.join(harness.token.dir, "int.pem"),
      });
      expect(r.ok, r.output).toBe(true);
    }

    d.send({ type: "queues", requestId: "q2", namHoc: "2025-2026" });
    expect(await d.next((r) => r.requestId === "q2")).toMatchObject({
      classes: [{ lop, signedThuTruong: 3, waitingThuTruong: 0, waitingDonVi: 3 }],
    });
    d.send({ type: "archived-documents", requestId: "ad2", namHoc: "2025-2026", lop, forRole: "DonVi" });
    const ad2 = await d.collect("ad2", ["archived-documents-done", "error"]);
    expect(ad2.filter((r) => r.type === "archived-document")).toHaveLength(3);
    d.send({ type: "archived-documents", requestId: "ad3", namHoc: "2025-2026", lop, forRole: "ThuTruong" });
    expect((await d.collect("ad3", ["archived-documents-done", "error"])).at(-1)).toMatchObject({ count: 0 });

    d.send({ type: "progress", requestId: "p", namHoc: "2025-2026", today: "2026-06-20" });
    const p = await d.next((r) => r.requestId === "p");
    expect(p).toMatchObject({
      type: "progress-report",
      report: {
        today: "2026-06-20",
        deadlines: [
          { dot: 1, date: "2026-06-25", daysLeft: 5 },
          { dot: 2, date: "2026-08-10", daysLeft: 51 },
        ],
        // 20/6: the head's step (18/6) is done, the seal's (22/6) not yet due: not late.
        rows: [
          {
            lop,
            learners: 3,
            withoutErrors: null,
            signedGvcn: 3,
            signedThuTruong: 3,
            sealed: 0,
            late: false,
          },
        ],
      },
    });
    d.send({
      type: "progress",
      requestId: "p2",
      today: "2026-06-23",
      deadlines: { dot1: "2026-06-25", dot2: "2026-08-10" },
    });
    expect(await d.next((r) => r.requestId === "p2")).toMatchObject({
      report: { rows: [{ late: true, lateSteps: ["dong-dau"] }] },
    });
    // The options' plan: the seal due 1 day before is not late on 23/6; a seal before the head is refused.
    const phases = [
      { step: "gvcn", daysBefore: 14 },
      { step: "thu-truong", daysBefore: 7 },
      { step: "dong-dau", daysBefore: 1 },
    ];
    d.send({ type: "progress", requestId: "p3", today: "2026-06-23", phases });
    expect(await d.next((r) => r.requestId === "p3")).toMatchObject({
      report: { phases, rows: [{ late: false, lateSteps: [] }] },
    });
    d.send({
      type: "progress",
      requestId: "p4",
      phases: [{ step: "dong-dau", daysBefore: 9 }, ...phases.slice(0, 2)],
    });
    expect(await d.next((r) => r.requestId === "p4")).toMatchObject({
      type: "error",
      error: { code: "PROGRESS_PHASES_ORDER" },
    });

    d.send({
      type: "record-check-confirmation",
      requestId: "cc",
      namHoc: "2025-2026",
      lop,
      monHoc: "TOAN",
      nguoiKiemTra: "Phạm Văn Tổ",
      chucVu: "Tổ trưởng chuyên môn",
    });
    const cc = await d.next((r) => r.requestId === "cc");
    expect(cc).toMatchObject({
      type: "check-confirmation-recorded",
      confirmation: { lop, monHoc: "TOAN", nguoiKiemTra: "Phạm Văn Tổ", seq: expect.any(Number) as number },
    });
    d.send({ type: "check-confirmations", requestId: "cl", lop });
    expect(await d.next((r) => r.requestId === "cl")).toMatchObject({
      confirmations: [{ nguoiKiemTra: "Phạm Văn Tổ", chucVu: "Tổ trưởng chuyên môn" }],
    });
    d.send({ type: "check-confirmations", requestId: "cl2", lop: "khác" });
    expect(await d.next((r) => r.requestId === "cl2")).toMatchObject({ confirmations: [] });

    const archive = HocBaArchive.open(path.join(director.data, "archive.sqlite"));
    try {
      const events = [...archive.auditLog()].map((e) => e.event);
      expect(events.filter((e) => e === "package-imported")).toHaveLength(2);
      expect(events).toContain("check-confirmed");
    } finally {
      archive.close();
    }
  });

  it("refuses a tampered document alone, and a package with path traversal as a whole", async () => {
    const teacher = start().host;
    await teacher.hello();
    teacher.send(signRequest("gv", harness.docs.slice(3, 5)));
    const signed = (await teacher.collect("gv")).filter((r) => r.type === "signed") as unknown as Array<
      Reply & { fileName: string; xml: string }
    >;
    const [first, second] = signed;
    const tampered = (first?.xml ?? "").replace(/<HoTen>([^<]*)<\/HoTen>/, "<HoTen>$1 X</HoTen>");
    expect(tampered).not.toBe(first?.xml);
    const pkg = buildHandoffPackage({
      documents: [
        { fileName: first?.fileName ?? "", bytes: new TextEncoder().encode(tampered), roles: [] },
        { fileName: second?.fileName ?? "", bytes: new TextEncoder().encode(second?.xml ?? ""), roles: [] },
      ],
      createdAt: "2026-06-01T01:00:00.000Z",
    });
    const d = start().host;
    await d.hello();
    d.send({
      type: "import-package",
      requestId: "i",
      fileName: pkg.fileName,
      zip: Buffer.from(pkg.bytes).toString("base64"),
    });
    const replies = await d.collect("i", ["package-imported", "error"]);
    const perDoc = replies.filter((r) => r.type === "package-document");
    expect(perDoc.map((r) => [r.fileName, r.outcome])).toEqual([
      [first?.fileName, "refused"],
      [second?.fileName, "imported"],
    ]);
    expect((perDoc[0]?.problems as unknown[]).length).toBeGreaterThan(0);

    const { zipSync, strToU8 } = await import("fflate");
    const evil = zipSync({ "manifest.json": strToU8("{}"), "../x.xml": strToU8("<x/>") });
    d.send({
      type: "import-package",
      requestId: "e",
      fileName: "x.hocba.zip",
      zip: Buffer.from(evil).toString("base64"),
    });
    expect(await d.next((r) => r.requestId === "e")).toMatchObject({
      type: "error",
      error: { code: "HANDOFF_ZIP_UNSAFE_NAME" },
    });
  });
});
