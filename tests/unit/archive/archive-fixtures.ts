import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { scratchDir } from "../host/scratch-dir.ts";

/** A real self-signed certificate (openssl), DER; the archive reads its subject. */
export function makeCertificateDer(commonName = "Trần Thị B"): Buffer {
  const dir = scratchDir("hocba-cert");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      path.join(dir, "k.pem"),
      "-out",
      path.join(dir, "c.der"),
      "-outform",
      "DER",
      "-days",
      "30",
      "-utf8",
      "-subj",
      `/CN=${commonName}/C=VN`,
    ],
    { stdio: "ignore" },
  );
  return readFileSync(path.join(dir, "c.der"));
}

/** A học bạ-shaped document with the two fields the archive indexes; `tag` varies the bytes. */
export function hocBaXml(maHocVien: string, namHoc = "2025-2026", tag = ""): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><HocBaSo PhienBan="1.0"><DLHocBa Id="DLHocBa"><TTChung><NamHoc>${namHoc}</NamHoc></TTChung>` +
      `<HocVien><MaHocVien>${maHocVien}</MaHocVien><HoTen>Nguyễn Văn Ấn</HoTen></HocVien></DLHocBa><DSCKS>${tag}</DSCKS></HocBaSo>`,
    "utf8",
  );
}
