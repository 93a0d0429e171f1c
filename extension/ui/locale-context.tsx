import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { MessageCode, MessageParams } from "../../shared/errors/message-table.ts";
import type { WireError } from "../models/wire.ts";
import { wireErrorText } from "../models/wire-error.ts";
import { formatScore, t, type Locale } from "../services/i18n.ts";
import { loadLocale } from "../services/load-locale.ts";
import { loadSettings, watchSettings } from "../services/settings.ts";

export interface I18n {
  locale: Locale;
  t: (code: MessageCode, params?: MessageParams) => string;
  score: (value: number | null | undefined) => string;
  errorText: (error: WireError) => string;
}

function makeI18n(locale: Locale): I18n {
  return {
    locale,
    t: (code, params) => t(code, params, locale),
    score: (value) => formatScore(value, locale),
    errorText: (error) => wireErrorText(error, locale),
  };
}

const I18nContext = createContext<I18n>(makeI18n("vi"));

/**
 * Provides the UI language from the settings and follows changes: `initial` (its messages already
 * loaded, as mountPage does) until the settings are read, Vietnamese when not given.
 */
export function LocaleProvider({ children, initial = "vi" }: { children: ReactNode; initial?: Locale }) {
  const [locale, setLocale] = useState<Locale>(initial);
  useEffect(() => {
    // English is loaded before the UI switches to it (the pages ship the Vietnamese table only).
    let latest: Locale = initial;
    const follow = (language: Locale) => {
      latest = language;
      void loadLocale(language).then(
        () => latest === language && setLocale(language),
        () => undefined,
      );
    };
    void loadSettings().then((s) => follow(s.language));
    return watchSettings((s) => follow(s.language));
  }, [initial]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => makeI18n(locale), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
