import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { dispatchAction } from "../../extension/background/dispatch-action.ts";
import type {
  ActionResult,
  ArchivedDocument,
  PackageImport,
  QueueClass,
} from "../../extension/models/wire.ts";
import { fakeHelper } from "./support/fake-native.ts";
import { PAGE_SENDER, PORTAL_SENDER, testDeps } from "./support/background-deps.ts";

/**
 * The background's actions over the helper's archive (issue 11): a hand-off package imported with
 * each document's outcome, the queues by role, a class's documents for the next role, the
 * Tổ chuyên môn's confirmation. The helper here is scripted; the real one runs in the e2e.
 */

function value<T>(result: ActionResult): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const ROLE = { role: "GVCN", signer: "Trần Thị Thu Hằng", signingTime: "2026-05-25T08:00:00+07:00" } as const;

describe("archive actions", () => {
  beforeEach(() => fakeBrowser.reset());

  it("import-package: sends the package's name and bytes, returns each document's outcome with refusals as wire errors", async () => {
    const seen: unknown[] = [];
    const deps = testDeps(
      fakeHelper({
        handle: (req, port) => {
          if (req.type !== "import-package") return false;
          seen.push(req);
          const base = { requestId: req.requestId, roles: ["GVCN"] };
          port.reply({
            ...base,
            type: "package-document",
            index: 0,
            fileName: "a.xml",
            maHocVien: "HV1",
            hoTen: "A",
            outcome: "imported",
            problems: [],
          });
          port.reply({
            ...base,
            type: "package-document",
            index: 1,
            fileName: "b.xml",
            maHocVien: "HV2",
            hoTen: "B",
            outcome: "already-present",
            problems: [],
          });
          port.reply({
            ...base,
            type: "package-document",
            index: 2,
            fileName: "c.xml",
            maHocVien: "HV3",
            hoTen: "C",
            outcome: "refused",
            problems: [{ code: "HANDOFF_SHA256_MISMATCH", message: "x", params: { file: "c.xml" } }],
          });
          port.reply({
            type: "package-imported",
            requestId: req.requestId,
            packageFileName: "10A1_2025-2026_gvcn.hocba.zip",
            lop: "10A1",
            namHoc: "2025-2026",
            buoc: "gvcn",
            institution: { maTruong: "79000701", tenTruong: "Trung tâm" },
            imported: 1,
            alreadyPresent: 1,
            refused: 1,
            problems: [],
          });
          return true;
        },
      }),
    );
    const result = value<PackageImport>(
      await dispatchAction(
        { action: "import-package", fileName: "10A1_2025-2026_gvcn.hocba.zip", zipBase64: "UEsDBA==" },
        PAGE_SENDER,
        deps,
      ),
    );
    expect(seen).toEqual([
      expect.objectContaining({ fileName: "10A1_2025-2026_gvcn.hocba.zip", zip: "UEsDBA==" }),
    ]);
    expect(result.documents.map((d) => d.outcome)).toEqual(["imported", "already-present", "refused"]);
    expect(result.documents[2]?.problems[0]?.code).toBe("HANDOFF_SHA256_MISMATCH");
    expect([result.imported, result.alreadyPresent, result.refused]).toEqual([1, 1, 1]);
    expect(result.maTruong).toBe("79000701");
  });

  it("queues and archived-documents answer from the helper's archive", async () => {
    const klass: QueueClass = {
      namHoc: "2025-2026",
      maTruong: "79000701",
      tenTruong: "Trung tâm",
      lop: "10A1",
      learners: 3,
      signedGvcn: 3,
      signedThuTruong: 1,
      sealed: 0,
      waitingThuTruong: 2,
      waitingDonVi: 1,
    };
    const deps = testDeps(
      fakeHelper({
        handle: (req, port) => {
          if (req.type === "queues") {
            port.reply({ type: "queues", requestId: req.requestId, classes: [klass] });
            return true;
          }
          if (req.type === "archived-documents") {
            expect(req).toMatchObject({ lop: "10A1", forRole: "ThuTruong" });
            port.reply({
              type: "archived-document",
              requestId: req.requestId,
              index: 0,
              total: 1,
              fileName: "a.xml",
              xml: "<HocBaSo/>",
              sha256: "00",
              maHocVien: "HV1",
              hoTen: "A",
              idBanGhi: "id",
              phienBan: 1,
              roles: [ROLE],
            });
            port.reply({ type: "archived-documents-done", requestId: req.requestId, count: 1 });
            return true;
          }
          return false;
        },
      }),
    );
    const queues = value<{ classes: QueueClass[] }>(
      await dispatchAction({ action: "queues" }, PAGE_SENDER, deps),
    );
    expect(queues.classes).toEqual([klass]);
    const docs = value<{ documents: ArchivedDocument[] }>(
      await dispatchAction(
        { action: "archived-documents", namHoc: "2025-2026", lop: "10A1", forRole: "ThuTruong" },
        PAGE_SENDER,
        deps,
      ),
    );
    expect(docs.documents.map((d) => [d.maHocVien, d.roles[0]?.signer])).toEqual([
      ["HV1", "Trần Thị Thu Hằng"],
    ]);
  });

  it("refuses a role the queues do not have, and content scripts asking for the archive", async () => {
    const deps = testDeps(fakeHelper());
    const bad = await dispatchAction(
      { action: "archived-documents", namHoc: "2025-2026", lop: "10A1", forRole: "GVCN" },
      PAGE_SENDER,
      deps,
    );
    expect(bad).toMatchObject({
      ok: false,
      error: { code: "EXT_BAD_REQUEST", params: { field: "forRole" } },
    });
    const portal = await dispatchAction({ action: "queues" }, PORTAL_SENDER, deps);
    expect(portal).toMatchObject({ ok: false, error: { code: "EXT_SENDER_REJECTED" } });
    const unnamed = await dispatchAction(
      { action: "record-check-confirmation", namHoc: "2025-2026", lop: "10A1", nguoiKiemTra: "  " },
      PAGE_SENDER,
      deps,
    );
    expect(unnamed).toMatchObject({ ok: false, error: { params: { field: "nguoiKiemTra" } } });
  });
});
