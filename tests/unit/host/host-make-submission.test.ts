import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../../shared/handoff/sha256-hex.ts";
import { parseSha256Sums } from "../../../shared/handoff/sha256-sums.ts";
import { HostReply } from "../../../shared/protocol/responses.ts";
import { runHocba } from "../../support/run-hocba.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";
import { useHostHarness } from "./host-harness.ts";
import { scratchDir } from "./scratch-dir.ts";

/*
 * The progress page's «Tạo gói nộp Sở/Bộ»: the helper makes the submission package (the same plan
 * and writer as `hocba submission`) into a new folder of its own choosing and names it in the reply.
 */

const harness = useHostHarness({
  dataPrefix: "hocba-make-submission",
  afterEnd(h) {
    expect(h.garbage).toBe("");
    for (const r of h.replies) {
      expect(HostReply.safeParse(r).success, JSON.stringify(r).slice(0, 300)).toBe(true);
    }
  },
});
const { start, signRequest } = harness;

type Signed = { type: string; fileName: string; xml: string };

describe("hocba host: make-submission", () => {
  it("writes wave 1 into a new folder under the submission root (manifest, SHA256SUMS, every record valid), never into an earlier one; lists what was left out and why", async () => {
    const root = scratchDir("hocba-nop-so");
    const { host } = start(undefined, undefined, { HOCBA_SUBMISSION_DIR: root });
    expect(await host.hello()).toMatchObject({
      capabilities: expect.arrayContaining(["make-submission"]) as string[],
    });
    const batch = harness.docs.slice(0, 3);
    host.send(signRequest("gv", batch));
    const gv = (await host.collect("gv")).filter((r) => r.type === "signed") as unknown as Signed[];
    expect(gv).toHaveLength(3);
    const two = gv.slice(0, 2).map((s) => ({ fileName: s.fileName, xml: s.xml }));
    host.send(signRequest("tt", two, { role: "ThuTruong", certId: "02" }));
    const tt = (await host.collect("tt")).filter((r) => r.type === "signed") as unknown as Signed[];
    expect(tt).toHaveLength(2);
    host.send(
      signRequest(
        "dv",
        tt.map((s) => ({ fileName: s.fileName, xml: s.xml })),
        { role: "DonVi", certId: "03" },
      ),
    );
    const dv = (await host.collect("dv")).filter((r) => r.type === "signed") as unknown as Signed[];
    expect(dv).toHaveLength(2);

    host.send({ type: "make-submission", requestId: "s1", namHoc: "2025-2026", dot: 1 });
    const s1 = await host.next((r) => r.requestId === "s1");
    expect(s1, JSON.stringify(s1).slice(0, 500)).toMatchObject({
      type: "submission-made",
      namHoc: "2025-2026",
      dot: 1,
      included: 2,
      notIncludedCount: 1,
      notIncluded: [{ code: "SUBMISSION_MISSING_ROLES" }],
      report: "bao-cao-kiem-tra.html",
    });
    const reply = s1 as unknown as {
      dir: string;
      files: string[];
      notIncluded: Array<{ lyDo: string; maHocVien: string }>;
    };
    expect(reply.notIncluded[0]?.lyDo).toMatch(/^Chưa ký đủ: thiếu /);
    expect(path.dirname(reply.dir)).toBe(root);
    expect(path.basename(reply.dir)).toMatch(/^2025-2026-dot1-\d{8}-\d{6}$/);
    expect(reply.files.sort()).toEqual([
      "SHA256SUMS",
      "bao-cao-kiem-tra.html",
      "khong-dua-vao.csv",
      "manifest.csv",
      "manifest.json",
    ]);

    const files = readdirSync(reply.dir).sort();
    const xmls = files.filter((f) => f.endsWith(".xml"));
    expect(xmls).toHaveLength(2);
    const sums = parseSha256Sums(readFileSync(path.join(reply.dir, "SHA256SUMS"), "utf8"));
    expect([...sums.keys()].sort()).toEqual(files.filter((f) => f !== "SHA256SUMS"));
    for (const f of files.filter((x) => x !== "SHA256SUMS")) {
      expect(sums.get(f), f).toBe(sha256Hex(readFileSync(path.join(reply.dir, f))));
    }
    const manifest = JSON.parse(readFileSync(path.join(reply.dir, "manifest.json"), "utf8")) as {
      records: Array<{ tep: string; sha256: string }>;
      notIncluded: Array<{ maHocVien: string }>;
    };
    expect(manifest).toMatchObject({ format: "hocba-submission", namHoc: "2025-2026", dot: 1 });
    expect(manifest.records.map((r) => r.tep).sort()).toEqual(xmls);
    expect(manifest.notIncluded.map((n) => n.maHocVien)).toEqual([reply.notIncluded[0]?.maHocVien]);
    const sealed = new Set(dv.map((s) => sha256Hex(new TextEncoder().encode(s.xml))));
    for (const f of xmls) {
      const bytes = readFileSync(path.join(reply.dir, f));
      expect(sealed.has(sha256Hex(bytes)), f).toBe(true);
      for (const id of ["sig-GVCN", "sig-ThuTruong", "sig-DonVi"]) {
        const x = xmlsec1Verify(bytes, id, {
          root: path.join(harness.token.dir, "root.pem"),
          intermediate: path.join(harness.token.dir, "int.pem"),
        });
        expect(x.ok, x.output).toBe(true);
      }
    }
    const check = await runHocba(
      [
        "verify",
        ...xmls.map((f) => path.join(reply.dir, f)),
        "--trust",
        path.join(harness.token.dir, "root.pem"),
      ],
      { env: { ...harness.token.env } },
    );
    expect(check.code, check.stdout + check.stderr).toBe(0);

    // The same wave again: a second folder; the first one keeps its files.
    const before = readFileSync(path.join(reply.dir, "SHA256SUMS"), "utf8");
    host.send({ type: "make-submission", requestId: "s2", namHoc: "2025-2026", dot: 1 });
    const s2 = (await host.next((r) => r.requestId === "s2")) as unknown as { dir: string; included: number };
    expect(s2.included).toBe(2);
    expect(s2.dir).not.toBe(reply.dir);
    expect(readdirSync(root)).toHaveLength(2);
    expect(readFileSync(path.join(reply.dir, "SHA256SUMS"), "utf8")).toBe(before);

    // Wave 2 with nothing new or changed: no folder, the reasons in the reply.
    host.send({ type: "make-submission", requestId: "s3", namHoc: "2025-2026", dot: 2 });
    const s3 = await host.next((r) => r.requestId === "s3");
    expect(s3).toMatchObject({ type: "submission-made", dot: 2, included: 0, files: [] });
    expect(s3).not.toHaveProperty("dir");
    expect(readdirSync(root)).toHaveLength(2);
  });

  it("refuses a request with a wave other than 1 or 2", async () => {
    const { host } = start(undefined, undefined, { HOCBA_SUBMISSION_DIR: scratchDir("hocba-nop-so") });
    await host.hello();
    host.send({ type: "make-submission", requestId: "bad", namHoc: "2025-2026", dot: 3 });
    expect(await host.next((r) => r.requestId === "bad")).toMatchObject({ type: "error" });
  });
});
