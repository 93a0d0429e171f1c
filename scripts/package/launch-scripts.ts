import type { PackageTarget } from "./targets.ts";

/** A text file of the package: path inside the package, content, and whether it is executable. */
export interface TextFile {
  path: string;
  content: string;
  executable: boolean;
  /** .reg files: UTF-16LE with BOM, as regedit writes them; utf8-bom for Notepad's sake. */
  encoding?: "utf8" | "utf8-bom" | "utf16le-bom";
}

/**
 * install.cmd / uninstall.cmd / hocba.cmd: run the bundled Node on hocba.js from the unzipped
 * folder. cmd.exe reads a batch file line by line in the console's code page, so the lines before
 * `chcp 65001` are ASCII and the Vietnamese ones come after it. A window opened by a double-click
 * (cmd /c) waits for a key so that IT can read the result; HOCBA_NO_PAUSE=1 skips that for scripted
 * roll-outs.
 */
function windowsScript(command: "install" | "uninstall"): string {
  const lines = [
    "@echo off",
    `rem hocba-signer: ${command === "install" ? "registers" : "unregisters"} the signing helper with Chrome, Edge, Coc Coc and Firefox.`,
    `rem   ${command}.cmd            for the current user (HKCU)`,
    `rem   ${command}.cmd --system   for every user of this PC (HKLM; from an administrator prompt)`,
    `rem Other arguments go to "hocba ${command}" (e.g. --extension-id ID). Needs no network and no Node.js.`,
    "setlocal",
    "chcp 65001 >nul",
    'set "HOCBA_HERE=%~dp0"',
    'set "HOCBA_PAUSE="',
    'if not "%HOCBA_NO_PAUSE%"=="1" for %%a in (%CMDCMDLINE%) do if /i "%%~a"=="/c" set "HOCBA_PAUSE=1"',
    'if not exist "%HOCBA_HERE%node\\node.exe" goto notunzipped',
    'if not exist "%HOCBA_HERE%hocba.js" goto notunzipped',
    `"%HOCBA_HERE%node\\node.exe" "%HOCBA_HERE%hocba.js" ${command} %*`,
    'set "HOCBA_RC=%ERRORLEVEL%"',
    'if "%HOCBA_RC%"=="0" goto end',
    "echo.",
    // No parentheses in echo lines: cmd.exe's parser takes them for a block.
    `echo ${command === "install" ? "Cài đặt" : "Gỡ cài đặt"} KHÔNG thành công, mã lỗi %HOCBA_RC%. Xem thông báo ở trên và tệp HUONG-DAN-CAI-DAT.txt.`,
    "goto end",
    ":notunzipped",
    "echo Không thấy node\\node.exe hoặc hocba.js bên cạnh tệp này.",
    "echo Hãy giải nén TOÀN BỘ tệp zip: chuột phải, chọn Extract All / Giải nén tất cả, vào một thư mục",
    `echo cố định, ví dụ C:\\hocba-signer, rồi chạy ${command}.cmd trong thư mục đó.`,
    'set "HOCBA_RC=1"',
    ":end",
    "if defined HOCBA_PAUSE pause",
    "exit /b %HOCBA_RC%",
    "",
  ];
  return lines.join("\r\n");
}

/** install.sh / uninstall.sh: the same with the bundled Node on Linux and macOS. */
function posixScript(command: "install" | "uninstall" | "cli"): string {
  const args = command === "cli" ? '"$@"' : `${command} "$@"`;
  const header =
    command === "cli"
      ? ["# hocba: the hocba-signer CLI (hocba --help), run with the bundled Node."]
      : [
          `# hocba-signer: ${command === "install" ? "registers" : "unregisters"} the signing helper with Chrome, Chromium, Edge, Coc Coc and Firefox.`,
          `#   sh ${command}.sh                 for the current user`,
          `#   sudo sh ${command}.sh --system   for every user of this machine`,
          `# Other arguments go to "hocba ${command}" (e.g. --extension-id ID). Needs no network and no Node.js.`,
        ];
  return [
    "#!/bin/sh",
    ...header,
    "set -eu",
    'here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd -P)',
    'if [ ! -f "$here/node/node" ] || [ ! -f "$here/hocba.js" ]; then',
    `  echo "Không thấy node/node hoặc hocba.js bên cạnh tệp này: hãy giải nén toàn bộ tệp zip vào một thư mục cố định rồi chạy lại." >&2`,
    "  exit 1",
    "fi",
    ...(command === "install"
      ? [
          "# Some unzip tools drop the executable bit; macOS quarantines files downloaded by a browser.",
          'chmod +x "$here/node/node" "$here/hocba" "$here/install.sh" "$here/uninstall.sh" 2>/dev/null || true',
          'if [ "$(uname -s)" = Darwin ] && command -v xattr >/dev/null 2>&1; then',
          '  xattr -dr com.apple.quarantine "$here" 2>/dev/null || true',
          "fi",
        ]
      : []),
    `exec "$here/node/node" "$here/hocba.js" ${args}`,
    "",
  ].join("\n");
}

/** The package's install, uninstall and CLI scripts for `target`. */
export function launchScripts(target: PackageTarget): TextFile[] {
  if (target.os === "win32") {
    return [
      { path: target.scripts.install, content: windowsScript("install"), executable: true },
      { path: target.scripts.uninstall, content: windowsScript("uninstall"), executable: true },
      {
        path: target.scripts.cli,
        content: [
          "@echo off",
          "rem hocba: the hocba-signer CLI (hocba --help), run with the bundled Node.",
          '"%~dp0node\\node.exe" "%~dp0hocba.js" %*',
          "",
        ].join("\r\n"),
        executable: true,
      },
    ];
  }
  return [
    { path: target.scripts.install, content: posixScript("install"), executable: true },
    { path: target.scripts.uninstall, content: posixScript("uninstall"), executable: true },
    { path: target.scripts.cli, content: posixScript("cli"), executable: true },
  ];
}
