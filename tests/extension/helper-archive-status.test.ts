import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { dispatchAction } from "../../extension/background/dispatch-action.ts";
import type { ActionResult, HelperStatus } from "../../extension/models/wire.ts";
import { formatMessage } from "../../shared/errors/message-table.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/limits.ts";
import { fakeHelper } from "./support/fake-native.ts";
import { PAGE_SENDER, testDeps } from "./support/background-deps.ts";

function value<T>(result: ActionResult): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** A helper whose status names its archive as `archive` says. */
function helperWithArchive(archive: Record<string, unknown>) {
  return fakeHelper({
    handle(request, port) {
      if (request.type !== "status") return false;
      port.reply({
        type: "status",
        requestId: request.requestId,
        hostVersion: "0.1.0",
        protocolVersion: PROTOCOL_VERSION,
        modules: [],
        tokens: [],
        archive,
      });
      return true;
    },
  });
}

describe("the helper's archive in the popup's status", () => {
  beforeEach(() => fakeBrowser.reset());

  it("says the centre's PostgreSQL server and its documents, never the password", async () => {
    const deps = testDeps(
      helperWithArchive({
        path: "postgres://hocba@db.trung-tam:5432/hocba_kho",
        engine: "postgres",
        server: "db.trung-tam:5432/hocba_kho (hocba)",
        documents: 42,
      }),
    );
    const status = value<HelperStatus>(
      await dispatchAction({ action: "get-helper-status" }, PAGE_SENDER, deps),
    );
    expect(status.archive).toEqual({
      engine: "postgres",
      server: "db.trung-tam:5432/hocba_kho (hocba)",
      documents: 42,
    });
    expect(
      formatMessage(
        "EXT_UI_HELPER_ARCHIVE_SHARED",
        { server: status.archive?.server ?? "", count: 42 },
        "vi",
      ),
    ).toBe("Kho lưu trữ: PostgreSQL (máy chủ db.trung-tam:5432/hocba_kho (hocba)), 42 tài liệu đã ký");
  });

  it("says the archive is on this PC for SQLite, and nothing for an older helper", async () => {
    const local = value<HelperStatus>(
      await dispatchAction(
        { action: "get-helper-status" },
        PAGE_SENDER,
        testDeps(
          helperWithArchive({
            path: "/home/gv/.local/share/hocba-signer/archive.sqlite",
            engine: "sqlite",
            documents: 3,
          }),
        ),
      ),
    );
    expect(local.archive).toEqual({ engine: "sqlite", documents: 3 });
    const older = value<HelperStatus>(
      await dispatchAction(
        { action: "get-helper-status" },
        PAGE_SENDER,
        testDeps(helperWithArchive({ path: "/tmp/archive.sqlite", documents: 0 })),
      ),
    );
    expect(older.archive).toBeUndefined();
  });
});
