import { OptionsApp } from "../../ui/options/options-app.tsx";
import { mountPage } from "../../ui/mount.tsx";

mountPage(<OptionsApp />);
