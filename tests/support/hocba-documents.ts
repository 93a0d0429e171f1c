import { readFileSync } from "node:fs";
import path from "node:path";
import { Gradebook, type Learner } from "../../shared/model/gradebook.ts";
import { createHocBaBuilder } from "../../shared/xml/hocbaso-v1/index.ts";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/gradebook-gdtx-10.json");

/** The GDTX grade-10 fixture gradebook (42 learners). */
export function fixtureGradebook(): Gradebook {
  return Gradebook.parse(JSON.parse(readFileSync(FIXTURE, "utf8")));
}

/** One unsigned học bạ document, built by the real builder. */
export interface SampleDocument {
  name: string;
  bytes: Uint8Array;
}

/**
 * `count` unsigned documents built from the fixture gradebook; beyond its 42 learners, learners
 * are reused with a new MaHocVien so that every document differs.
 */
export function sampleDocuments(count: number): SampleDocument[] {
  const gb = fixtureGradebook();
  const build = createHocBaBuilder(gb);
  const out: SampleDocument[] = [];
  for (let i = 0; i < count; i++) {
    const base = gb.learners[i % gb.learners.length];
    if (!base) throw new Error("fixture has no learners");
    const round = Math.floor(i / gb.learners.length);
    const learner: Learner =
      round === 0
        ? base
        : {
            ...base,
            hocVien: { ...base.hocVien, maHocVien: `${base.hocVien.maHocVien}R${round}` },
            banGhi: undefined,
          };
    const built = build(learner);
    out.push({ name: built.fileName, bytes: built.bytes });
  }
  return out;
}

/** The first fixture document. */
export function sampleDocument(): SampleDocument {
  const [doc] = sampleDocuments(1);
  if (!doc) throw new Error("no document");
  return doc;
}
