import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { LearnerRow } from "../../extension/services/review-model.ts";
import { HocBaPreview } from "../../extension/ui/review/hoc-ba-preview.tsx";
import { buildHocBaXml } from "../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { makeSelfSignedCertificate } from "../support/self-signed-certificate.ts";
import { fixture } from "./support/portal.ts";

/**
 * The review page's print stylesheet, in Chromium's print layout (page.pdf): «In cả lớp» gives one
 * A4 sheet per learner, each paper with its three signature blocks, nothing of the page around it.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const CHROMIUM = process.env.HOCBA_CHROMIUM ?? "/usr/bin/chromium";

function signedRow(xml: string, fileName: string, index: number): LearnerRow {
  return {
    id: String(index),
    classKey: "k",
    lop: "",
    namHoc: "",
    stt: index + 1,
    maHocVien: "",
    hoTen: "",
    ngaySinh: "",
    errors: [],
    warnings: [],
    built: { fileName, xml },
  };
}

/** The serif font Chromium will print the paper with (fontconfig's choice for the stylesheet's first). */
function printFont(): string {
  try {
    return execFileSync("fc-match", ["-f", "%{family}", "Times New Roman"], { encoding: "utf8" });
  } catch {
    return "?";
  }
}

describe("printing the class", () => {
  it("prints with Times New Roman's metrics (Liberation Serif), which the paper is laid out for", () => {
    // Without it the next test fails for the machine, not the stylesheet: scripts/ensure-deps.sh
    // installs fonts-liberation.
    expect(printFont()).toMatch(/Times New Roman|Liberation Serif/);
  });

  it("each learner's paper, signed in the three roles, fills exactly one A4 sheet", async () => {
    const gb = fixture("gradebook-gdtx-10.json");
    const learners = gb.learners.slice(0, 5);
    const b64 = Buffer.from(
      makeSelfSignedCertificate({ subject: "/C=VN/CN=Trần Thị Thu Hằng", serialHex: "0A1B2C3D" }).certDer,
    ).toString("base64");
    const sig = (role: string) =>
      `<${role}><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:Object xmlns:xades="http://uri.etsi.org/01903/v1.3.2#"><xades:SigningTime>2026-05-26T09:00:00+07:00</xades:SigningTime></ds:Object><ds:KeyInfo><ds:X509Data>` +
      `<ds:X509Certificate>${b64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature></${role}>`;
    const papers = learners.map((learner, i) => {
      const built = buildHocBaXml(gb, learner, { thoiGianLap: "2026-05-25T08:00:00+07:00" });
      const xml = new TextDecoder()
        .decode(built.bytes)
        .replace("<DSCKS/>", `<DSCKS>${sig("GVCN")}${sig("ThuTruong")}${sig("DonVi")}</DSCKS>`);
      return renderToStaticMarkup(<HocBaPreview row={signedRow(xml, built.fileName, i)} />);
    });
    expect(papers.every((p) => (p.match(/Đã ký số/g) ?? []).length === 3)).toBe(true);
    const css = readFileSync(path.join(ROOT, "extension/ui/styles.css"), "utf8");
    // As the review page is while printing the class: the batch shown, the page's own parts hidden.
    const html =
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>${css}</style></head>` +
      `<body class="print-all"><main class="page review"><header class="review-header"><h1>Xem và ký</h1></header>` +
      `<div class="review-grid"><aside class="review-side">Ký số</aside></div>` +
      `<div class="print-single">${papers[0] ?? ""}</div><div class="print-batch">${papers.join("")}</div></main></body></html>`;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      await page.setContent(html);
      const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true }));
      const text = pdf.toString("latin1");
      expect((text.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(learners.length);
      // A4 portrait in points (595 × 842).
      const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
      expect([Math.round(Number(box?.[1])), Math.round(Number(box?.[2]))]).toEqual([595, 842]);
      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".review-side").isVisible()).toBe(false);
      expect(await page.locator(".print-single").isVisible()).toBe(false);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
