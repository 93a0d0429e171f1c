import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { Gradebook } from "../../shared/model/gradebook.ts";
import { EXTENSION_CONFIG } from "../config.ts";
import type { SignerRole } from "../models/wire.ts";

/** A class gradebook as read from the portal. */
export interface StoredGradebook {
  /** classKeyOf(gradebook). */
  classKey: string;
  gradebook: Gradebook;
  /** Origin of the portal page it was read from. */
  sourceOrigin: string;
  /** ISO 8601. */
  extractedAt: string;
}

/**
 * One version of a learner's record, as signed so far (its latest signature): unsigned bytes never
 * go here, signed ones do. A later version of the record is another entry: a signed version is
 * never overwritten by another version nor deleted (but with its class, by the user).
 */
export interface StoredDocument {
  /** documentIdOf(classKey, maHocVien, phienBan). */
  id: string;
  classKey: string;
  maHocVien: string;
  hoTen: string;
  fileName: string;
  /** The signed XML exactly as the helper returned it (UTF-8 text). */
  xml: string;
  /** Roles whose signature the document carries, in signing order. */
  signedRoles: SignerRole[];
  /** ISO 8601 of the last signature stored. */
  updatedAt: string;
  /** PhienBanBanGhi of the record; absent in entries stored before versions (version 1). */
  phienBan?: number;
}

const GRADEBOOKS = "gradebooks";
const DOCUMENTS = "documents";
const BY_CLASS = "byClass";

/** Key of a class for one school year: the same class read again replaces the earlier read. */
export function classKeyOf(gradebook: Pick<Gradebook, "school" | "namHoc" | "lop">): string {
  return `${gradebook.school.maTruong}/${gradebook.namHoc}/${gradebook.lop}`.normalize("NFC");
}

/** The store key of one version of a learner's record (version 1 keeps the key it always had). */
export function documentIdOf(classKey: string, maHocVien: string, phienBan = 1): string {
  return phienBan === 1 ? `${classKey}|${maHocVien}` : `${classKey}|${maHocVien}|v${phienBan}`;
}

function wrap<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(dbError(request.error));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(dbError(tx.error));
    tx.onabort = () => reject(dbError(tx.error));
  });
}

function dbError(error: DOMException | null): HocBaError {
  return new HocBaError("EXT_DB_FAILED", { detail: error?.message ?? "?" });
}

/**
 * The extension's IndexedDB: gradebooks keyed by class and year, and signed documents keyed by
 * class and learner. Lives in the extension's origin, so the background and the extension pages
 * share it; content scripts (portal origin) go through the background.
 */
export class HocBaDb {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(
    factory: IDBFactory = indexedDB,
    name: string = EXTENSION_CONFIG.dbName,
  ): Promise<HocBaDb> {
    const request = factory.open(name, EXTENSION_CONFIG.dbVersion);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(GRADEBOOKS)) {
        db.createObjectStore(GRADEBOOKS, { keyPath: "classKey" });
      }
      if (!db.objectStoreNames.contains(DOCUMENTS)) {
        db.createObjectStore(DOCUMENTS, { keyPath: "id" }).createIndex(BY_CLASS, "classKey");
      }
    };
    return new HocBaDb(await wrap(request));
  }

  close(): void {
    this.db.close();
  }

  async putGradebook(entry: StoredGradebook): Promise<void> {
    const tx = this.db.transaction(GRADEBOOKS, "readwrite");
    tx.objectStore(GRADEBOOKS).put(entry);
    await done(tx);
  }

  async getGradebook(classKey: string): Promise<StoredGradebook | undefined> {
    const tx = this.db.transaction(GRADEBOOKS, "readonly");
    return (await wrap(tx.objectStore(GRADEBOOKS).get(classKey))) as StoredGradebook | undefined;
  }

  /** Every stored class, most recently read first. */
  async listGradebooks(): Promise<StoredGradebook[]> {
    const tx = this.db.transaction(GRADEBOOKS, "readonly");
    const all = (await wrap(tx.objectStore(GRADEBOOKS).getAll())) as StoredGradebook[];
    return all.sort(
      (a, b) => b.extractedAt.localeCompare(a.extractedAt) || a.classKey.localeCompare(b.classKey),
    );
  }

  /** Removes a class and its signed documents. */
  async deleteClass(classKey: string): Promise<void> {
    const tx = this.db.transaction([GRADEBOOKS, DOCUMENTS], "readwrite");
    tx.objectStore(GRADEBOOKS).delete(classKey);
    const index = tx.objectStore(DOCUMENTS).index(BY_CLASS);
    const keys = await wrap(index.getAllKeys(classKey));
    for (const key of keys) tx.objectStore(DOCUMENTS).delete(key);
    await done(tx);
  }

  async putDocument(entry: StoredDocument): Promise<void> {
    const tx = this.db.transaction(DOCUMENTS, "readwrite");
    tx.objectStore(DOCUMENTS).put(entry);
    await done(tx);
  }

  async getDocument(id: string): Promise<StoredDocument | undefined> {
    const tx = this.db.transaction(DOCUMENTS, "readonly");
    return (await wrap(tx.objectStore(DOCUMENTS).get(id))) as StoredDocument | undefined;
  }

  /** Signed documents of one class (every version), by learner code then version. */
  async listDocuments(classKey: string): Promise<StoredDocument[]> {
    const tx = this.db.transaction(DOCUMENTS, "readonly");
    const all = (await wrap(tx.objectStore(DOCUMENTS).index(BY_CLASS).getAll(classKey))) as StoredDocument[];
    return all.sort(
      (a, b) => a.maHocVien.localeCompare(b.maHocVien) || (a.phienBan ?? 1) - (b.phienBan ?? 1),
    );
  }
}
