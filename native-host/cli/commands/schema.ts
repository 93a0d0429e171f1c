import { join, resolve } from "node:path";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { CURRENT_HOCBA_FORMAT } from "../../../shared/xml/hoc-ba-formats.ts";
import { writeFileAtomic } from "../../fs/write-file-atomic.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { parseCliArgs } from "../parse-cli-args.ts";
import { makeFolder } from "../../fs/make-folder.ts";

const format = CURRENT_HOCBA_FORMAT;
const companions = Object.keys(format.schemaFiles).filter((name) => name !== format.mainSchemaFile);

const USAGE = `Cách dùng: hocba schema [--out THƯ_MỤC | --file TÊN_TỆP]

In lược đồ XSD của học bạ số ${format.phienBan} (${format.mainSchemaFile}). Lược đồ nhập phần chữ ký số từ
${companions.join(", ")}, đặt cùng thư mục. Kiểm tra một tệp học bạ, không cần mạng:
  hocba schema --out luoc-do && xmllint --noout --schema luoc-do/${format.mainSchemaFile} HV0001_2025-2026.xml

  --out THƯ_MỤC     Ghi mọi tệp lược đồ vào THƯ_MỤC thay vì in ra
  --file TÊN_TỆP    In tệp lược đồ khác: ${Object.keys(format.schemaFiles).join(", ")}`;

export const command: CliCommand = {
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseCliArgs(args, { out: { type: "string" }, file: { type: "string" } }, false);
    if (values.out !== undefined && values.file !== undefined) {
      throw new HocBaError("CLI_BAD_ARGS", { detail: "chỉ dùng một trong --out và --file" });
    }
    if (values.out !== undefined) {
      const dir = resolve(io.cwd, values.out);
      makeFolder(dir, { shownAs: values.out });
      for (const [name, text] of Object.entries(format.schemaFiles)) {
        await writeFileAtomic(join(dir, name), text);
        writeLine(io.stdout, join(values.out, name));
      }
      return 0;
    }
    const name = values.file ?? format.mainSchemaFile;
    const text = format.schemaFiles[name];
    if (text === undefined) {
      throw new HocBaError("CLI_BAD_ARGS", {
        detail: `không có tệp lược đồ «${name}»; chọn một trong: ${Object.keys(format.schemaFiles).join(", ")}`,
      });
    }
    io.stdout.write(text);
    return 0;
  },
};
