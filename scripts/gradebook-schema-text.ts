import * as prettier from "prettier";
import { z } from "zod";
import { Gradebook } from "../shared/model/gradebook.ts";

/** The exact text of docs/gradebook.schema.json: z.toJSONSchema(Gradebook), formatted by prettier. */
export async function gradebookJsonSchemaText(filepath: string): Promise<string> {
  const schema = {
    ...z.toJSONSchema(Gradebook),
    $id: "urn:hocba-signer:gradebook:1",
    title: "Sổ điểm (hocba-gradebook/1)",
  };
  const config = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(JSON.stringify(schema), { ...config, parser: "json", filepath });
}
