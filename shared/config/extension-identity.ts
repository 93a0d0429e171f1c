/**
 * Pins the extension id. The browser derives the id from manifest.key (sha256 of the SPKI, first
 * 32 hex digits mapped 0-f -> a-p); the helper installer writes the same id into allowed_origins.
 * Store builds get their own id from the store: pass it to `hocba install --extension-id`.
 */
export const EXTENSION_PUBLIC_KEY =
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqaiaqIiJLm7Jh3g2dwVaRBqdwkcFIkj3VGyems5T0Rz1Wfp8p+4Hn5jLaMk7+AQ1pBWAo6kc+FJKLupWd7v1mPCw32bQ1XDjt9hXkZLJp5cAtojxi/Y2vX3opbOwOM/Yq7K2Yzk+zI96G91VXAgHfpDoP+WbrYDMaNXBFLiJhUb3rRmAn+Ewu3jgWREw2b9tWOzONxAxbpsP4epaFl+BVfmEAATL1V9KDkb1buvScYSzPuJEgDYYhs+qImxp8VOAP7zYjwIrX8M1iZCReZaTTE8iM0rEIulzxW6jWiQO6f88TDpk0a6Bk65QjrAfTZ7UIoRHLq55cRogMo59fzt81wIDAQAB";

export const EXTENSION_ID = "gdknnkanhjmadldekbnniniikejkdjff";

/** Firefox has no key-derived id: the gecko id is set in the manifest and in allowed_extensions. */
export const FIREFOX_EXTENSION_ID = "hocba-signer@hocba.vn";

/** Native messaging host name: lowercase, dots and underscores only. */
export const NATIVE_HOST_NAME = "vn.hocba.signer";
