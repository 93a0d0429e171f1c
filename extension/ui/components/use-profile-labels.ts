import { useEffect, useState } from "react";
import { profileLabels, type ProfileLabels } from "../../services/profile-labels.ts";
import { DEFAULT_SETTINGS, loadSettings, watchSettings } from "../../services/settings.ts";
import { useI18n } from "../locale-context.tsx";

/** The learner and head words of the profile chosen in the options, in the UI's language. */
export function useProfileLabels(): ProfileLabels {
  const { locale } = useI18n();
  const [profile, setProfile] = useState(DEFAULT_SETTINGS.profile);
  useEffect(() => {
    void loadSettings().then((s) => setProfile(s.profile));
    return watchSettings((s) => setProfile(s.profile));
  }, []);
  return profileLabels(profile, locale);
}
