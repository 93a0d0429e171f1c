import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Gradebook, type Learner } from "../../shared/model/gradebook.ts";
import { toNumber } from "../../shared/rules/decimal.ts";
import { evaluateLearner } from "../../shared/rules/evaluate-learner.ts";
import { loadProfile } from "../../shared/rules/load-profile.ts";
import { readHocBa } from "../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { withDemoMovement } from "../portal-sim/demo-movement.ts";
import { startPortal, type RunningPortal } from "../portal-sim/start-portal.ts";
import { runHocba } from "../support/run-hocba.ts";
import { useTestToken } from "../support/test-token.ts";
import { buildExtension, ExtensionBrowser, ROOT } from "./support/extension-browser.ts";
import {
  addPortalInOptions,
  classPagePath,
  downloadAndUnzip,
  loginToPortal,
  openApprovalFromPopup,
  openReviewFromPanel,
  readClassWithPanel,
  signInReview,
  verifySignedFiles,
} from "./support/flow.ts";

/**
 * Records that change after signing, in a real browser: a class of three is signed in May; in
 * August the portal shows a corrected comment, a re-test result and a summer rèn luyện result; the
 * class read again, in a browser whose store has forgotten May's signatures (another PC, a cleared
 * profile), shows each learner's changes against the signed version from the helper's archive;
 * the teacher types the reason once, signs the new versions; the director approves them from the
 * popup; the ZIP holds both versions, and the version 2 files verify (hocba verify with the chain from the helper's
 * archive, and xmlsec1). Screenshots go to test-artifacts/e2e/versions-*.png.
 */

const ARTIFACTS = path.join(ROOT, "test-artifacts/e2e");
const full = Gradebook.parse(
  JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/gradebook-gdtx-10.json"), "utf8")),
);
const ROWS = [0, 22, 37]; // an ordinary learner, a re-test, summer training
const NEW_COMMENT = "Chăm chỉ, tiến bộ rõ trong học kỳ II.";

/** In May the re-test and summer results are not known yet. */
function mayLearner(l: Learner): Learner {
  const may = structuredClone(l);
  if (may.ketQuaXet === "KiemTraLai" || may.ketQuaXet === "RenLuyenHe") {
    for (const k of may.ketQua) k.ktLai = null;
    may.hocTap.sauKiemTraLai = null;
    may.renLuyen.sauRenLuyenHe = null;
    may.ketQuaXetLai = null;
  }
  return may;
}

/** A THPT class of three who left or arrived (the demo's movers: tests/portal-sim/demo-movement.ts). */
const thpt = Gradebook.parse(
  JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/gradebook-thpt-11.json"), "utf8")),
);
const withMovers = withDemoMovement(thpt);
const movers: Gradebook = { ...withMovers, learners: withMovers.learners.slice(-3) };

describe("extension: versions of signed records (Chromium + helper + SoftHSM + portal simulator)", () => {
  const token = useTestToken();
  const august = ROWS.map((i) => structuredClone(full.learners[i] as Learner));
  const may: Gradebook = { ...structuredClone(full), learners: august.map(mayLearner) };
  let portal: RunningPortal;
  let browser: ExtensionBrowser;
  let work: string;
  let env: NodeJS.ProcessEnv;
  let portalPage: Page;
  let files: string[] = [];
  const url = () => portal.url + classPagePath("smas", "1001");

  beforeAll(async () => {
    buildExtension();
    work = mkdtempSync(path.join(tmpdir(), "hocba-e2e-versions-"));
    env = { ...token.env, HOCBA_DATA_DIR: path.join(work, "helper-data") };
    portal = await startPortal({ gradebooks: [may, movers] });
    browser = await ExtensionBrowser.launch({ env, artifacts: ARTIFACTS });
    browser.installHelper();
    await browser.preGrantHostPermission(
      `${new URL(portal.url).protocol}//${new URL(portal.url).hostname}/*`,
    );
    await addPortalInOptions(browser, portal.url);
    portalPage = await browser.context.newPage();
    await loginToPortal(portalPage, portal.url, "smas");
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("May: the class is read and the GVCN signs version 1 of the three records", async () => {
    const read = await readClassWithPanel(browser, portalPage, url(), "versions-may");
    expect(read.errors).toEqual([]);
    expect(read.panelText).toBe("3 học viên · 0 lỗi");
    const review = await openReviewFromPanel(browser, portalPage);
    const outcome = await signInReview(browser, review, {
      role: "GVCN",
      certName: "Trần Thị Thu Hằng",
      pin: token.pin,
      label: "versions-may-gvcn",
      expectCount: 3,
    });
    expect(outcome.resultText).toBe("Xong: đã ký 3, lỗi 0.");
    await review.close();
  });

  it("August, read again: each learner shows what changed since the signed version; nothing can be signed yet", async () => {
    // The portal now shows a corrected comment and the re-test and summer results.
    const cls = portal.classes[0];
    if (!cls) throw new Error("no class");
    const [first] = august;
    if (!first) throw new Error("learner");
    first.nhanXetGVCN = NEW_COMMENT;
    // And a corrected score: LS's HK II final test one point higher, its averages recomputed.
    const ls = first.ketQua.find((k) => k.maMon === "LS");
    if (!ls || typeof ls.hk2.ck !== "number") throw new Error("LS");
    const lsBefore = { hk2: ls.hk2.tbm, cn: ls.cn.tbm };
    ls.hk2.ck = Math.min(10, ls.hk2.ck + 1);
    const ev = evaluateLearner(full, first, loadProfile(full.profile)).subjects.find(
      (x) => x.subject.ma === "LS",
    );
    if (!ev?.hk2.tbm || !ev.cn.tbm) throw new Error("LS averages");
    ls.hk2.tbm = toNumber(ev.hk2.tbm);
    ls.cn.tbm = toNumber(ev.cn.tbm);
    expect(ls.cn.tbm).not.toBe(lsBefore.cn);
    august.forEach((l, i) => Object.assign(cls.gradebook.learners[i] as Learner, structuredClone(l)));

    // Read on "another PC": this browser's store forgets what it signed in May. The versions are
    // counted from the helper's archive (record-versions), never as a new version 1.
    const blank = await browser.openExtensionPage("popup.html");
    const cleared = await blank.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open("hocba");
          open.onerror = () => reject(new Error("indexedDB"));
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction("documents", "readwrite");
            const store = tx.objectStore("documents");
            const count = store.count();
            let n = 0;
            count.onsuccess = () => {
              n = count.result;
              store.clear();
            };
            tx.oncomplete = () => {
              db.close();
              resolve(n);
            };
          };
        }),
    );
    expect(cleared).toBe(3);
    await blank.close();

    const read = await readClassWithPanel(browser, portalPage, url(), "versions-august");
    expect(read.errors).toEqual([]);
    const review = await openReviewFromPanel(browser, portalPage);
    const changed = review.getByTestId("row-changed");
    await changed.first().waitFor({ timeout: 20_000 });
    expect(await changed.count()).toBe(3);
    expect(await changed.first().getAttribute("data-needs-reason")).toBe("true");
    const texts = await changed.allInnerTexts();
    for (const text of texts) expect(text).toContain("Đã thay đổi so với bản đã ký (phiên bản 1)");
    expect(await review.getByTestId("archive-versions-unavailable").count()).toBe(0);
    // Side by side: the signed comment and the new one.
    await changed.first().locator("summary").click();
    const comment = changed.first().locator('tr[data-truong="NhanXetGVCN"]');
    expect(await comment.locator("td.old").innerText()).toBe(full.learners[0]?.nhanXetGVCN);
    expect(await comment.locator("td.new").innerText()).toBe(NEW_COMMENT);
    const score = changed.first().locator('tr[data-truong="KetQua/Mon[LS]/CN/TBM"]');
    expect(Number(await score.locator("td.old").innerText())).toBe(lsBefore.cn);
    expect(Number(await score.locator("td.new").innerText())).toBe(ls.cn.tbm);
    expect(await changed.nth(1).locator('tr[data-truong="KetQuaXetLai"] td.new').textContent()).toBe(
      "LenLop",
    );
    expect(
      await changed.nth(2).locator('tr[data-truong="RenLuyen/SauRenLuyenHe"] td.new').textContent(),
    ).toBe("Đ");
    expect(
      await review.locator("[data-testid=learner-table] tbody input[type=checkbox]:enabled").count(),
    ).toBe(0);
    await browser.shot(review, "versions-changed");

    // One reason for the batch: the next versions are built and the GVCN signs them.
    await review
      .getByTestId("reason-input")
      .fill("Cập nhật kết quả kiểm tra lại, rèn luyện hè; sửa nhận xét");
    await review.getByTestId("reason-apply").click();
    await review.getByTestId("reason-applied").waitFor({ timeout: 20_000 });
    expect(await review.getByTestId("reason-applied").innerText()).toContain("Phiên bản mới của 3 học bạ");
    expect(await review.getByTestId("row-version").count()).toBe(3);
    const outcome = await signInReview(browser, review, {
      role: "GVCN",
      certName: "Trần Thị Thu Hằng",
      pin: token.pin,
      label: "versions-august-gvcn",
      expectCount: 3,
    });
    expect(outcome.resultText).toBe("Xong: đã ký 3, lỗi 0.");
    const preview = review.getByTestId("preview-version");
    await preview.waitFor({ timeout: 10_000 });
    expect(await preview.innerText()).toContain("Phiên bản 2 (bản sửa) thay thế phiên bản 1");
    await review.close();
  });

  it("the director approves the versions from the popup; the ZIP holds both versions; the chain verifies", async () => {
    const popup = await browser.openExtensionPage("popup.html");
    await popup.getByTestId("class-versions").waitFor({ timeout: 20_000 });
    expect(await popup.getByTestId("class-versions").innerText()).toContain("3 phiên bản sửa");
    await popup.close();
    const { popupQueue, review } = await openApprovalFromPopup(browser);
    expect(popupQueue).toContain("3 học bạ chờ ký");
    const outcome = await signInReview(browser, review, {
      role: "ThuTruong",
      certName: "Nguyễn Văn Thắng",
      pin: token.pin,
      label: "versions-director",
      expectCount: 3,
    });
    expect(outcome.resultText).toBe("Xong: đã ký 3, lỗi 0.");
    const zip = await downloadAndUnzip(browser, review, path.join(work, "zip"));
    files = zip.files;
    const names = files.map((f) => path.basename(f)).sort();
    const codes = ROWS.map((i) => full.learners[i]?.hocVien.maHocVien ?? "");
    expect(names).toEqual(codes.flatMap((c) => [`${c}_2025-2026.xml`, `${c}_2025-2026_v2.xml`]).sort());

    const v2 = files.filter((f) => f.endsWith("_v2.xml"));
    for (const f of v2) {
      const view = readHocBa(readFileSync(f));
      expect(view.ttChung).toMatchObject({
        suKien: "UPDATE",
        phienBanBanGhi: 2,
        thayThe: { phienBanTruoc: 1 },
      });
      expect(view.vaiTroCoChuKy).toEqual(["GVCN", "ThuTruong"]);
    }
    const outcomeV2 = verifySignedFiles(v2, token.pkiDir, ["GVCN", "ThuTruong"]);
    expect(outcomeV2.xmlsecFailures).toEqual([]);
    expect(outcomeV2.hocbaExit).toBe(0);
    // The chain, from the helper's own archive (which kept every version).
    const chain = await runHocba(
      ["verify", ...v2, "--trust", path.join(token.pkiDir, "root.pem"), "--chain"],
      { env },
    );
    expect(chain.code, chain.stdout).toBe(0);
    expect(chain.stdout.match(/Chuỗi phiên bản: nguyên vẹn/g)).toHaveLength(3);
    // Version 1 as signed in May is still there, untouched.
    for (const f of files.filter((x) => !x.endsWith("_v2.xml"))) {
      expect(readHocBa(readFileSync(f)).ttChung).toMatchObject({ suKien: "NEW", phienBanBanGhi: 1 });
    }
    await review.close();
  });

  it("the director cancels one learner's record issued in error: a CANCEL signed by the head alone, verified", async () => {
    const learner = full.learners[ROWS[0] ?? 0]?.hocVien;
    if (!learner) throw new Error("learner");
    const classKey = `${may.school.maTruong}/${may.namHoc}/${may.lop}`.normalize("NFC");
    const review = await browser.openExtensionPage(
      `review.html?${new URLSearchParams({ lop: classKey, vaiTro: "ThuTruong" }).toString()}`,
    );
    await review.getByTestId("learner-table").waitFor({ timeout: 20_000 });
    await review.getByRole("button", { name: learner.hoTen, exact: true }).click();
    await review.getByTestId("cancel-record").click();
    const lyDo = "Lập nhầm: học viên đã chuyển sang lớp khác trước khi ký";
    await review.getByTestId("cancel-reason").fill(lyDo.normalize("NFD"));
    await review.getByTestId("cancel-prepare").click();
    const shown = review.getByTestId("cancel-preview");
    await shown.waitFor({ timeout: 10_000 });
    expect(await shown.innerText()).toBe(
      `Hủy bản ghi: ${learner.hoTen} (${learner.maHocVien}), phiên bản 2 của bản ghi ${
        readHocBa(readFileSync(files.find((f) => f.endsWith(`${learner.maHocVien}_2025-2026_v2.xml`)) ?? ""))
          .ttChung.idBanGhi
      }. Lý do: ${lyDo}`,
    );
    await browser.shot(review, "versions-cancel-prepared");
    // The sign panel now signs only the CANCEL, as the head.
    const outcome = await signInReview(browser, review, {
      role: "ThuTruong",
      certName: "Nguyễn Văn Thắng",
      pin: token.pin,
      label: "versions-cancel",
      expectCount: 1,
    });
    expect(outcome.resultText).toBe("Xong: đã ký 1, lỗi 0.");
    const badge = review.getByTestId("row-cancelled");
    await badge.waitFor({ timeout: 10_000 });
    expect(await badge.innerText()).toBe("Đã hủy (phiên bản 3)");
    expect(await review.getByTestId("cancel-dialog").count()).toBe(0);

    const zip = await downloadAndUnzip(browser, review, path.join(work, "zip-cancel"));
    const cancel = zip.files.filter((f) => path.basename(f) === `${learner.maHocVien}_2025-2026_v3.xml`);
    expect(cancel).toHaveLength(1);
    const view = readHocBa(readFileSync(cancel[0] ?? ""));
    expect(view.ttChung).toMatchObject({
      suKien: "CANCEL",
      phienBanBanGhi: 3,
      thayThe: { phienBanTruoc: 2, lyDo },
    });
    expect(view.vaiTroCoChuKy).toEqual(["ThuTruong"]);
    const verified = verifySignedFiles(cancel, token.pkiDir, ["ThuTruong"]);
    expect(verified.xmlsecFailures).toEqual([]);
    expect(verified.xmlsecPassed).toBe(1);
    expect(verified.hocbaExit).toBe(0);
    const json = await runHocba(
      ["verify", ...cancel, "--trust", path.join(token.pkiDir, "root.pem"), "--chain", "--json"],
      { env },
    );
    expect(json.code, json.stdout).toBe(0);
    const [report] = (
      JSON.parse(json.stdout) as { files: { ok: boolean; complete: boolean; roles: string[] }[] }
    ).files;
    expect(report).toMatchObject({ ok: true, complete: true, roles: ["ThuTruong"] });
    await review.close();
  });
  it("learners who leave or arrive: read from the portal, shown on the paper, signed, verified", async () => {
    const id = portal.classes[1]?.id ?? "";
    const read = await readClassWithPanel(
      browser,
      portalPage,
      portal.url + classPagePath("smas", id),
      "movers",
    );
    expect(read.errors).toEqual([]);
    const review = await openReviewFromPanel(browser, portalPage);
    const [out, stopped, arrived] = movers.learners;
    const preview = async (name: string) => {
      await review.getByRole("button", { name, exact: true }).click();
      await review.getByTestId("preview-ho-ten").filter({ hasText: name }).waitFor({ timeout: 10_000 });
    };
    await preview(out?.hocVien.hoTen ?? "");
    const roi = review.getByTestId("preview-roi-truong");
    expect(await roi.getAttribute("data-trang-thai")).toBe("ChuyenDi");
    expect(await roi.innerText()).toContain(out?.roiTruong?.truongChuyenDen ?? "?");
    await browser.shot(review, "versions-transfer-out");
    await preview(stopped?.hocVien.hoTen ?? "");
    expect(await review.getByTestId("preview-roi-truong").getAttribute("data-trang-thai")).toBe("ThoiHoc");
    await preview(arrived?.hocVien.hoTen ?? "");
    expect(await review.getByTestId("preview-chuyen-den").innerText()).toContain(
      arrived?.chuyenDen?.truongCu ?? "?",
    );
    expect(await review.getByTestId("preview-qua-trinh").innerText()).toContain("Trường THCS Gia Cẩm");
    await browser.shot(review, "versions-transfer-in");

    const outcome = await signInReview(browser, review, {
      role: "GVCN",
      certName: "Nguyễn Thị Minh Nguyệt",
      pin: token.pin,
      label: "versions-movers-gvcn",
      expectCount: 3,
    });
    expect(outcome.resultText).toBe("Xong: đã ký 3, lỗi 0.");
    const zip = await downloadAndUnzip(browser, review, path.join(work, "zip-movers"));
    expect(zip.files).toHaveLength(3);
    const views = new Map(
      zip.files.map((f) => [readHocBa(readFileSync(f)).hocVien.maHocVien, readHocBa(readFileSync(f))]),
    );
    expect(views.get(out?.hocVien.maHocVien ?? "")?.roiTruong).toEqual(out?.roiTruong);
    expect(views.get(stopped?.hocVien.maHocVien ?? "")?.roiTruong).toEqual(stopped?.roiTruong);
    expect(views.get(arrived?.hocVien.maHocVien ?? "")?.chuyenDen).toEqual(arrived?.chuyenDen);
    expect(views.get(arrived?.hocVien.maHocVien ?? "")?.quaTrinhHocTap).toEqual(arrived?.quaTrinhHocTap);
    const verified = verifySignedFiles(zip.files, token.pkiDir, ["GVCN"]);
    expect(verified.xmlsecFailures).toEqual([]);
    expect(verified.hocbaExit).toBe(0);
    await review.close();

    // Read again with nothing changed: no new version; the signed records go on to the head.
    const again = await readClassWithPanel(
      browser,
      portalPage,
      portal.url + classPagePath("smas", id),
      "movers-again",
    );
    expect(again.errors).toEqual([]);
    const second = await openReviewFromPanel(browser, portalPage);
    await second.getByTestId("learner-table").waitFor({ timeout: 20_000 });
    expect(await second.getByTestId("row-changed").count()).toBe(0);
    expect(await second.getByTestId("row-version").count()).toBe(0);
    expect(await second.getByTestId("role-ThuTruong").isChecked()).toBe(true);
    expect(
      await second.locator("[data-testid=learner-table] tbody input[type=checkbox]:enabled").count(),
    ).toBe(3);
    await second.close();
  });
});
